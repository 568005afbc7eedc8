package ma.multaqa.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Multaqa's in-process Neo4j Community server.
 *
 * <p>Runs a single DBMS rooted at {@code --data-dir} with only the Bolt connector enabled, bound to
 * 127.0.0.1. Normally launched by {@code graph/embedded_server.py}, which watches stdout (redirected
 * to a log file) for the ready line.
 *
 * <p>Protocol on stdout: exactly one {@code MULTAQA_NEO4J_READY bolt://127.0.0.1:<port>} line once
 * Bolt accepts TCP connections, and {@code MULTAQA_NEO4J_STOPPED} after a clean shutdown (SIGTERM or
 * SIGINT). Exit codes: 2 for bad arguments, 1 when the DBMS cannot start.
 *
 * <p>Authentication is enabled only when the environment variable {@code NEO4J_PASSWORD} is set and
 * non-empty; the password of user {@code neo4j} is then set on every start. Passing it through the
 * environment keeps it out of {@code ps} output.
 */
public final class EmbeddedNeo4j {

    static final String READY_PREFIX = "MULTAQA_NEO4J_READY ";
    static final String STOPPED_LINE = "MULTAQA_NEO4J_STOPPED";
    static final String PASSWORD_ENV = "NEO4J_PASSWORD";
    static final String HOST = "127.0.0.1";

    private static final String USAGE =
            "usage: EmbeddedNeo4j --data-dir DIR --bolt-port N [--pagecache SIZE]\n"
                    + "  --data-dir DIR    Neo4j home for this server (created if missing)\n"
                    + "  --bolt-port N     Bolt port on 127.0.0.1 (1-65535)\n"
                    + "  --pagecache SIZE  page cache size, e.g. 512m or 2g (default 512m)\n"
                    + "environment: NEO4J_PASSWORD set and non-empty enables auth for user neo4j";

    private static final long READY_TIMEOUT_MS = 60_000;

    private EmbeddedNeo4j() {}

    /** Parsed command line. */
    record Options(Path dataDir, int boltPort, long pagecacheBytes) {}

    /** Raised for invalid command-line arguments (exit code 2). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            System.err.println("EmbeddedNeo4j: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Throwable t) {
            System.err.println("MULTAQA_NEO4J_FAILED: " + describe(t));
            System.err.flush();
            System.exit(1);
        }
    }

    static Options parse(String[] args) throws UsageException {
        Path dataDir = null;
        Integer port = null;
        String pagecache = "512m";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value for " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                case "--bolt-port" -> port = parsePort(value);
                case "--pagecache" -> pagecache = value;
                default -> throw new UsageException("unknown argument " + arg);
            }
        }
        if (dataDir == null) {
            throw new UsageException("--data-dir is required");
        }
        if (port == null) {
            throw new UsageException("--bolt-port is required");
        }
        return new Options(dataDir, port, parseSize(pagecache));
    }

    private static int parsePort(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new UsageException("--bolt-port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--bolt-port is not a number: " + value);
        }
    }

    private static long parseSize(String value) throws UsageException {
        try {
            long bytes = ByteUnit.parse(value);
            if (bytes <= 0) {
                throw new UsageException("--pagecache must be positive: " + value);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pagecache is not a size (e.g. 512m, 2g): " + value);
        }
    }

    private static void run(Options options) throws Exception {
        Files.createDirectories(options.dataDir());
        ensurePortFree(options.boltPort());
        String password = System.getenv(PASSWORD_ENV);
        boolean auth = password != null && !password.isEmpty();

        DatabaseManagementService dbms = builder(options, auth).build();
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> shutdown(dbms, stopped), "multaqa-neo4j-shutdown"));
        if (auth) {
            setPassword(dbms, password);
        }
        awaitBolt(options.boltPort());
        PrintStream out = System.out;
        out.println(READY_PREFIX + "bolt://" + HOST + ":" + options.boltPort());
        out.flush();
        new CountDownLatch(1).await(); // park until the JVM is told to stop
    }

    private static DatabaseManagementServiceBuilder builder(Options options, boolean auth) {
        Path home = options.dataDir();
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, options.boltPort()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, options.boltPort()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pagecacheBytes())
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                // Dev-box transaction logs: small files, not preallocated, ~256 MiB kept per database.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's Netty loops otherwise idle 2 x 5 s on shutdown, after the stores are closed.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
    }

    private static void ensurePortFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IOException("Bolt port " + HOST + ":" + port + " is already in use", e);
        }
    }

    /**
     * Sets the password of user {@code neo4j} (Community edition supports ALTER USER on the system
     * database). Neo4j rejects passwords shorter than 8 characters by default.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        String query = "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED";
        try {
            dbms.database("system").executeTransactionally(query, Map.of("pw", password));
        } catch (RuntimeException e) {
            // Re-applying the current password is refused by Neo4j; that is the desired state anyway.
            if (!String.valueOf(rootCause(e).getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static void awaitBolt(int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1_000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("Bolt did not accept connections on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void shutdown(DatabaseManagementService dbms, AtomicBoolean stopped) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            dbms.shutdown();
            System.out.println(STOPPED_LINE);
        } catch (Throwable t) {
            System.err.println("MULTAQA_NEO4J_SHUTDOWN_FAILED: " + describe(t));
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One line: the outermost message plus the root cause, newlines flattened. */
    static String describe(Throwable t) {
        Throwable root = rootCause(t);
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (root != t) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
