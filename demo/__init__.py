"""The Khouribga demo dataset: a deterministic generator (`demo.data`) and its phrase banks
(`demo.phrases`), used by `multaqa seed-demo`, `multaqa up` and the benchmarks."""
