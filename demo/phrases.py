"""Phrase banks for the demo data generator (see ``demo.data``).

Text languages are internal codes, not profile language codes:
``fr`` French, ``ar`` Modern Standard Arabic, ``da`` Darija in Arabic script,
``dl`` Darija in Latin script with digits (3 = ع, 7 = ح, 9 = ق), ``en`` English.

Every sector bank has, per text language: ``skills`` (short labels), ``topics`` (noun phrases
used inside sentences) and ``projects`` (title, description); the jobs offered in each sector
are in ``demo.jobs``. A profile draws its texts from its own sector, so its bio, skills and
project stay consistent.
"""

from __future__ import annotations

from typing import Any

TEXT_LANGS: tuple[str, ...] = ("fr", "ar", "da", "dl", "en")

# Canonical sector labels: they become shared graph nodes, so they are never translated.
SECTORS: dict[str, str] = {
    "agri": "agroalimentaire et produits du terroir",
    "phosphate": "services liés au phosphate",
    "craft": "artisanat",
    "digital": "numérique",
    "tourism": "tourisme",
    "ess": "économie sociale et solidaire",
    "education": "éducation et formation",
    "health": "santé maternelle et infantile",
    "inclusion": "inclusion socio-économique",
}


def _b(skills: str, topics: str, projects: tuple[tuple[str, str], ...]) -> dict:
    """Build one bank entry; ``skills`` and ``topics`` are '|'-separated."""
    return {
        "skills": tuple(skills.split("|")),
        "topics": tuple(topics.split("|")),
        "projects": projects,
    }


BANK: dict[str, dict[str, dict[str, Any]]] = {
    "agri": {
        "fr": _b(
            "transformation agroalimentaire|apiculture|conditionnement des produits|"
            "hygiène et sécurité alimentaire|vente sur les souks|fabrication de fromage de chèvre",
            "la valorisation des produits du terroir|la transformation du lait de chèvre et du "
            "couscous|les plantes aromatiques et médicinales",
            (
                (
                    "Unité de couscous artisanal",
                    "Roulage et conditionnement de couscous d'orge "
                    "et de blé avec des femmes du douar, vente aux épiceries de Khouribga.",
                ),
                (
                    "Miellerie familiale",
                    "Production et mise en pot de miel de thym, étiquetage et vente en ligne.",
                ),
                (
                    "Distillerie de plantes aromatiques",
                    "Séchage et distillation de romarin et "
                    "de thym sauvages pour les herboristes de la région.",
                ),
            ),
        ),
        "ar": _b(
            "تحويل المنتجات الفلاحية|تربية النحل|تلفيف المنتجات|السلامة الصحية للأغذية|"
            "تسيير التعاونيات|صناعة جبن الماعز",
            "تثمين المنتجات المجالية|تحويل الحليب وإنتاج الكسكس|النباتات العطرية والطبية",
            (
                (
                    "وحدة لإنتاج الكسكس التقليدي",
                    "مشروع لفتل الكسكس وتلفيفه بمشاركة نساء الدوار "
                    "وتسويقه لدى محلات البقالة في خريبكة.",
                ),
                ("منحل عائلي", "إنتاج عسل الزعتر وتعبئته وتسويقه عبر الإنترنت."),
                (
                    "وحدة لتقطير النباتات العطرية",
                    "تجفيف وتقطير إكليل الجبل والزعتر البري لفائدة العطارين في الجهة.",
                ),
            ),
        ),
        "da": _b(
            "فتيل الكسكس|تربية النحل|الخدمة ف الفلاحة|تخمال الحليب و الجبن|البيع ف السوق",
            "المنتوجات ديال البلاد|الكسكس و العسل البلدي|العشوب و الزعتر",
            (
                (
                    "مشروع ديال الكسكس البلدي",
                    "بغيت نفتح محل صغير نفتلو فيه الكسكس مع العيالات "
                    "ديال الدوار و نبيعوه ف خريبكة.",
                ),
                (
                    "مشروع ديال العسل",
                    "عندي شي خلايا ديال النحل و بغيت نكبر المشروع و نبيع العسل ف الأنترنيت.",
                ),
            ),
        ),
        "dl": _b(
            "ftil dyal couscous|terbiya dyal n7al|khdma f lfla7a|jben dyal lma3z|bi3 f souk",
            "lmontojat dyal lblad|couscous w l3sel lbeldi|l3chob w z3ter",
            (
                (
                    "Projet dyal couscous beldi",
                    "Bghit ndir wa7d l'atelier sghir nftlo fih "
                    "couscous m3a l3yalat dyal douar w nbi3oh f Khouribga.",
                ),
                (
                    "Projet dyal l3sel",
                    "3ndi chi khlayat dyal n7al w bghit nkber projet w nbi3 "
                    "l3sel online, 7ta l Casa.",
                ),
            ),
        ),
        "en": _b(
            "food processing|beekeeping|product packaging|food safety|cooperative management|"
            "goat cheese making",
            "adding value to local farm products|honey and goat cheese production|"
            "aromatic and medicinal plants",
            (
                (
                    "Artisanal couscous unit",
                    "Rolling and packaging barley couscous with women "
                    "from the village, sold to grocery shops in Khouribga.",
                ),
                (
                    "Family honey house",
                    "Producing and jarring thyme honey, labelling it and selling online.",
                ),
            ),
        ),
    },
    "phosphate": {
        "fr": _b(
            "maintenance industrielle|soudure|électromécanique|conduite d'engins|"
            "HSE et sécurité au travail|lecture de plans|hydraulique",
            "la maintenance des installations minières|les services aux sites phosphatiers|"
            "la mécano-soudure",
            (
                (
                    "Atelier de soudure et chaudronnerie",
                    "Atelier de mécano-soudure pour la "
                    "réparation de pièces pour les sous-traitants des sites miniers.",
                ),
                (
                    "Société de nettoyage industriel",
                    "Petite entreprise de nettoyage industriel "
                    "et d'entretien des installations, avec 5 jeunes du quartier.",
                ),
            ),
        ),
        "ar": _b(
            "الصيانة الصناعية|اللحام|الكهروميكانيك|سياقة الآليات|السلامة المهنية|قراءة التصاميم",
            "صيانة المنشآت المنجمية|الخدمات المرتبطة بالفوسفاط|اللحام الميكانيكي",
            (
                (
                    "ورشة للحام الميكانيكي",
                    "ورشة لإصلاح القطع الميكانيكية لفائدة المقاولات المتعاقدة مع المواقع المنجمية.",
                ),
                (
                    "مقاولة للتنظيف الصناعي",
                    "مقاولة صغيرة للتنظيف الصناعي وصيانة المنشآت تشغل شباب الحي.",
                ),
            ),
        ),
        "da": _b(
            "السودور|الميكانيك|الطريسيتي|سياقة الطراكس|السلامة ف الخدمة",
            "الخدمة مع الشركات ديال الفوسفاط|الصيانة ديال الماكينات",
            (
                (
                    "ورشة ديال السودور",
                    "بغيت نحل ورشة ديال السودور و نخدم مع الشركات لي كيخدمو مع المناجم.",
                ),
                ("شركة ديال النقل", "عندي البيرمي و بغيت ندير شركة صغيرة ديال النقل ديال الخدامة."),
            ),
        ),
        "dl": _b(
            "soudure|mécanique|triciti|sya9a dyal les engins|sécurité f lkhdma",
            "lkhdma m3a charikat dyal phosphate|maintenance dyal les machines",
            (
                (
                    "Atelier dyal soudure",
                    "Bghit n7el atelier dyal soudure w nkhdem m3a les "
                    "sous-traitants dyal les mines.",
                ),
                (
                    "Charika dyal transport",
                    "3ndi permis w bghit ndir charika sghira dyal transport dyal lkhddama.",
                ),
            ),
        ),
        "en": _b(
            "industrial maintenance|welding|electromechanics|heavy equipment operation|"
            "occupational safety",
            "mining site maintenance|phosphate-related services",
            (
                (
                    "Welding and metalwork shop",
                    "A small mechanical welding shop repairing "
                    "parts for subcontractors of the mining sites.",
                ),
                (
                    "Industrial cleaning company",
                    "A small industrial cleaning company employing "
                    "young people from the neighbourhood.",
                ),
            ),
        ),
    },
    "craft": {
        "fr": _b(
            "tissage de tapis|couture|broderie|poterie|maroquinerie|design de produits artisanaux",
            "le tissage des tapis de la région|la couture et la broderie traditionnelle",
            (
                (
                    "Atelier de tapis Ouardigha",
                    "Relancer le tissage des tapis traditionnels avec "
                    "des motifs modernes et les vendre aux touristes et en ligne.",
                ),
                (
                    "Atelier de couture solidaire",
                    "Atelier de couture pour la confection de "
                    "tenues traditionnelles et d'uniformes scolaires.",
                ),
            ),
        ),
        "ar": _b(
            "نسج الزرابي|الخياطة|الطرز|صناعة الفخار|الصناعة الجلدية",
            "نسج الزرابي التقليدية|الخياطة والطرز التقليدي",
            (
                (
                    "ورشة لنسج الزرابي",
                    "إحياء نسج الزرابي التقليدية بتصاميم عصرية وتسويقها للسياح وعبر الإنترنت.",
                ),
                ("ورشة خياطة تضامنية", "ورشة لخياطة الملابس التقليدية والوزرات المدرسية."),
            ),
        ),
        "da": _b(
            "الخياطة|الطرز|نسيج الزرابي|الفخار|خدمة الجلد",
            "الزرابي ديال المنطقة|الخياطة و الطرز",
            (
                (
                    "ورشة ديال الزرابي",
                    "بغيت نرجع الزربية ديال المنطقة بموديلات جداد و نبيعها للسياح و ف الأنترنيت.",
                ),
                ("محل ديال الخياطة", "بغيت نحل محل ديال الخياطة ديال القفاطن و التكاشط."),
            ),
        ),
        "dl": _b(
            "khiyata|terz|zrabi|fkhar|khdma dyal jeld",
            "zrabi dyal la région|khiyata w terz",
            (
                (
                    "Atelier dyal zrabi",
                    "Bghit nrje3 zerbiya dyal la région b modèles jdad w "
                    "nbi3ha l touristes w online.",
                ),
                (
                    "Ma7al dyal khiyata",
                    "Bghit n7el ma7al dyal khiyata dyal qfaten w tkachet, l9it local mzyan.",
                ),
            ),
        ),
        "en": _b(
            "carpet weaving|sewing|embroidery|pottery|leatherwork",
            "traditional carpet weaving|sewing and embroidery",
            (
                (
                    "Ouardigha carpet workshop",
                    "Reviving traditional carpet weaving with modern "
                    "patterns, sold to tourists and online.",
                ),
                (
                    "Solidarity sewing workshop",
                    "Sewing workshop making traditional outfits and school uniforms.",
                ),
            ),
        ),
    },
    "digital": {
        "fr": _b(
            "développement web|design graphique|community management|montage vidéo|"
            "maintenance informatique|bureautique|développement mobile",
            "le développement web et mobile|le marketing digital pour les coopératives",
            (
                (
                    "Agence web locale",
                    "Créer des sites web et des pages e-commerce pour les "
                    "coopératives et les commerçants de la province.",
                ),
                (
                    "Application de covoiturage Khouribga–Oued Zem",
                    "Application mobile pour "
                    "partager les trajets entre Khouribga, Oued Zem et Bejaad.",
                ),
            ),
        ),
        "ar": _b(
            "تصميم مواقع الويب|التصميم الغرافيكي|التسويق الرقمي|المونتاج|صيانة الحواسيب|"
            "تطوير التطبيقات",
            "تطوير تطبيقات الويب والهاتف|التسويق الرقمي للتعاونيات",
            (
                (
                    "وكالة رقمية محلية",
                    "إنشاء مواقع إلكترونية ومتاجر رقمية للتعاونيات والتجار في الإقليم.",
                ),
                (
                    "تطبيق للنقل المشترك",
                    "تطبيق هاتفي لتقاسم الرحلات بين خريبكة ووادي زم وأبي الجعد.",
                ),
            ),
        ),
        "da": _b(
            "البرمجة|الديزاين|التصاور و المونتاج|السوشل ميديا|تصليح البورطابلات",
            "البرمجة و الأنترنيت|الماركوتينغ ف السوشل ميديا",
            (
                (
                    "وكالة ديال الويب",
                    "بغيت نديرو سيتات و بوتيكات أونلاين للتعاونيات و التجار ديال الإقليم.",
                ),
                (
                    "تطبيق ديال التنقل",
                    "أبليكاسيون باش الناس يتشاركو الطوموبيل بين خريبكة و وادي زم.",
                ),
            ),
        ),
        "dl": _b(
            "programmation|design|tsawer w montage|social media|tsli7 dyal les PC",
            "programmation w l'internet|marketing f social media",
            (
                (
                    "Agence dyal web",
                    "Bghit ndir sites w boutiques online l les coopératives w "
                    "tujjar dyal Khouribga.",
                ),
                (
                    "Application dyal transport",
                    "Application bach nass ytcharkou tomobil bin Khouribga w Oued Zem, 7ta Bejaad.",
                ),
            ),
        ),
        "en": _b(
            "web development|graphic design|social media marketing|video editing|IT support|"
            "mobile development",
            "web and mobile development|digital marketing for cooperatives",
            (
                (
                    "Local web agency",
                    "Building websites and online shops for cooperatives and "
                    "shopkeepers in the province.",
                ),
                (
                    "Khouribga–Oued Zem ride-sharing app",
                    "A mobile app to share rides between Khouribga, Oued Zem and Bejaad.",
                ),
            ),
        ),
    },
    "tourism": {
        "fr": _b(
            "accueil touristique|guidage|cuisine marocaine|gestion d'hébergement|"
            "anglais touristique",
            "le tourisme rural et l'écotourisme|la valorisation du patrimoine de Bejaad",
            (
                (
                    "Gîte rural près de Bejaad",
                    "Maison d'hôtes rurale avec circuits vers la "
                    "médina de Bejaad et les zaouïas de la région.",
                ),
                (
                    "Circuits découverte du plateau des phosphates",
                    "Organisation de visites guidées pour les familles et les écoles.",
                ),
            ),
        ),
        "ar": _b(
            "الاستقبال السياحي|الإرشاد السياحي|الطبخ المغربي|تسيير الإيواء|"
            "اللغة الإنجليزية السياحية",
            "السياحة القروية والبيئية|تثمين تراث أبي الجعد",
            (
                (
                    "دار ضيافة قروية",
                    "دار للضيافة في العالم القروي مع جولات نحو المدينة العتيقة لأبي الجعد.",
                ),
                ("جولات اكتشاف هضبة الفوسفاط", "تنظيم زيارات مرفقة للعائلات والمدارس."),
            ),
        ),
        "da": _b(
            "الاستقبال|الطبخ المغربي|التوجيه ديال السياح|الإنجليزية",
            "السياحة ف العروبية|التراث ديال بجعد",
            (
                ("دار الضيافة ف العروبية", "بغيت نحل دار ضيافة قريبة لبجعد و ندير جولات للسياح."),
                ("جولات سياحية", "ننظم خرجات للعائلات و المدارس ف المنطقة."),
            ),
        ),
        "dl": _b(
            "accueil|tabkh lmaghribi|guide dyal touristes|l'anglais",
            "tourisme f l3roubiya|turath dyal Bejaad",
            (
                (
                    "Dar diyafa f l3roubiya",
                    "Bghit n7el dar diyafa 9rib l Bejaad w ndir jawlat l touristes.",
                ),
                (
                    "Circuits touristiques",
                    "Nnedem khrajat l les familles w les écoles f la région, ghadi tkoun mzyana.",
                ),
            ),
        ),
        "en": _b(
            "hospitality|tour guiding|Moroccan cooking|guesthouse management|English for tourism",
            "rural and eco-tourism|Bejaad's heritage",
            (
                (
                    "Rural guesthouse near Bejaad",
                    "A countryside guesthouse with walking tours to the old medina of Bejaad.",
                ),
                ("Phosphate plateau discovery tours", "Guided visits for families and schools."),
            ),
        ),
    },
    "ess": {
        "fr": _b(
            "gestion de coopérative|comptabilité|montage de projets|commercialisation|plaidoyer|"
            "élevage ovin",
            "l'économie sociale et solidaire|l'entrepreneuriat coopératif des jeunes",
            (
                (
                    "Coopérative de jeunes éleveurs",
                    "Coopérative d'élevage ovin (race Sardi) et "
                    "d'achat groupé d'aliments de bétail.",
                ),
                (
                    "Épicerie solidaire",
                    "Épicerie de produits des coopératives locales à prix justes.",
                ),
            ),
        ),
        "ar": _b(
            "تسيير التعاونيات|المحاسبة|إعداد المشاريع|التسويق|الترافع|تربية الأغنام",
            "الاقتصاد الاجتماعي والتضامني|المقاولة التعاونية للشباب",
            (
                (
                    "تعاونية شبابية لتربية الأغنام",
                    "تعاونية لتربية أغنام السردي والشراء الجماعي للأعلاف.",
                ),
                ("متجر تضامني", "متجر لبيع منتجات التعاونيات المحلية بأثمنة عادلة."),
            ),
        ),
        "da": _b(
            "التسيير ديال التعاونية|الحسابات|البيع|تربية الغنم",
            "التعاونيات|الخدمة الجماعية مع الشباب",
            (
                (
                    "تعاونية ديال الغنم",
                    "بغينا نديرو تعاونية ديال الشباب نربيو فيها الغنم السردي و نشريو العلف جماعة.",
                ),
                ("حانوت تضامني", "حانوت كيبيع المنتوجات ديال التعاونيات بثمن مناسب."),
            ),
        ),
        "dl": _b(
            "tasyir dyal cooperative|l7sabat|lbi3|terbiya dyal lghnem",
            "les coopératives|lkhdma jma3iya m3a chabab",
            (
                (
                    "Cooperative dyal lghnem",
                    "Bghina ndiro cooperative dyal chabab nrebbiw fiha "
                    "lghnem sardi w nchriw l3alf jma3a.",
                ),
                ("7anout tadamoni", "7anout kaybi3 montojat dyal les coopératives b taman mzyan."),
            ),
        ),
        "en": _b(
            "cooperative management|bookkeeping|project design|sales|advocacy",
            "social and solidarity economy|youth cooperative entrepreneurship",
            (
                (
                    "Young herders' cooperative",
                    "A Sardi sheep breeding cooperative with group purchasing of feed.",
                ),
                ("Solidarity grocery", "A shop selling local cooperative products at fair prices."),
            ),
        ),
    },
    "education": {
        "fr": _b(
            "soutien scolaire|animation socio-éducative|préscolaire|formation de formateurs|"
            "alphabétisation",
            "le soutien scolaire en milieu rural|l'éducation non formelle",
            (
                (
                    "Centre de soutien scolaire",
                    "Cours de soutien en maths, français et anglais "
                    "pour les collégiens d'Oued Zem.",
                ),
                (
                    "Préscolaire rural",
                    "Classe préscolaire dans un douar pour préparer les enfants à l'école.",
                ),
            ),
        ),
        "ar": _b(
            "الدعم المدرسي|التنشيط التربوي|التعليم الأولي|محاربة الأمية|تكوين المكونين",
            "الدعم المدرسي في العالم القروي|التربية غير النظامية",
            (
                (
                    "مركز للدعم المدرسي",
                    "حصص دعم في الرياضيات والفرنسية والإنجليزية لتلاميذ الإعدادي بوادي زم.",
                ),
                ("تعليم أولي قروي", "قسم للتعليم الأولي بدوار لإعداد الأطفال للتمدرس."),
            ),
        ),
        "da": _b(
            "الدروس الخصوصية|التنشيط مع الدراري|التعليم الأولي|تعليم الكبار",
            "القراية ف العروبية|التنشيط مع الأطفال",
            (
                ("مركز ديال الدعم", "بغيت نحل مركز ديال الدروس ديال الدعم لولاد الحومة."),
                ("روض ف الدوار", "بغيت نحل روض صغير ف الدوار باش الدراري يتعلمو قبل المدرسة."),
            ),
        ),
        "dl": _b(
            "cours de soutien|tanchit m3a drari|préscolaire|ta3lim dyal lkbar",
            "l9raya f l3roubiya|tanchit m3a l2atfal",
            (
                ("Centre dyal soutien", "Bghit n7el centre dyal cours de soutien l wlad l7ouma."),
                ("Rawd f douar", "Bghit n7el rawd sghir f douar bach drari yt3elmo 9bel lmadrasa."),
            ),
        ),
        "en": _b(
            "tutoring|youth facilitation|early childhood education|literacy training|"
            "training of trainers",
            "tutoring in rural areas|non-formal education",
            (
                (
                    "Tutoring centre",
                    "After-school classes in maths, French and English for "
                    "middle-school pupils in Oued Zem.",
                ),
                (
                    "Rural preschool",
                    "A preschool class in a village to prepare children for school.",
                ),
            ),
        ),
    },
    "health": {
        "fr": _b(
            "sensibilisation sanitaire|premiers secours|aide-soignant|nutrition infantile|"
            "accompagnement des femmes enceintes",
            "la santé maternelle et infantile|la sensibilisation à la nutrition des enfants",
            (
                (
                    "Caravane santé mère-enfant",
                    "Caravanes de sensibilisation au suivi de "
                    "grossesse et à la vaccination dans les douars.",
                ),
                (
                    "Maison d'attente pour femmes enceintes",
                    "Accueil des femmes des zones "
                    "éloignées avant l'accouchement, près de l'hôpital.",
                ),
            ),
        ),
        "ar": _b(
            "التوعية الصحية|الإسعافات الأولية|تغذية الأطفال|مواكبة النساء الحوامل|التمريض المساعد",
            "صحة الأم والطفل|التوعية بتغذية الأطفال",
            (
                ("قافلة صحية للأم والطفل", "قوافل تحسيسية حول تتبع الحمل والتلقيح في الدواوير."),
                (
                    "دار الأمومة",
                    "إيواء النساء الحوامل من المناطق البعيدة قبل الولادة قرب المستشفى.",
                ),
            ),
        ),
        "da": _b(
            "التوعية ديال الصحة|الإسعافات|الماكلة ديال الدراري|مرافقة العيالات الحوامل",
            "الصحة ديال الأم و الدراري|التوعية ف الدواوير",
            (
                (
                    "قافلة ديال الصحة",
                    "بغينا نديرو قوافل ف الدواوير نوعيو العيالات على التلقيح و التتبع ديال الحمل.",
                ),
                ("دار الأمومة", "دار كتستقبل العيالات الحوامل لي جايين من بعيد قبل الولادة."),
            ),
        ),
        "dl": _b(
            "taw3iya f se77a|les premiers secours|makla dyal drari|mourafa9a dyal l3yalat l7wamel",
            "se77a dyal l2om w drari|taw3iya f douars",
            (
                (
                    "9afila dyal se77a",
                    "Bghina ndiro 9wafel f douars nwa3iw l3yalat 3la "
                    "vaccination w suivi dyal l7aml.",
                ),
                ("Dar l2omouma", "Dar katsta9bel l3yalat l7wamel li jayin mn b3id 9bel lwilada."),
            ),
        ),
        "en": _b(
            "health awareness|first aid|child nutrition|prenatal support|nursing assistance",
            "maternal and child health|child nutrition awareness",
            (
                (
                    "Mother-and-child health caravan",
                    "Awareness caravans on pregnancy follow-up and vaccination in rural villages.",
                ),
                (
                    "Maternity waiting home",
                    "Hosting pregnant women from remote areas near the hospital before delivery.",
                ),
            ),
        ),
    },
    "inclusion": {
        "fr": _b(
            "accompagnement social|écoute et orientation|insertion professionnelle|"
            "animation d'ateliers|rédaction de CV",
            "l'insertion socio-économique des jeunes NEET|l'inclusion des personnes en "
            "situation de handicap",
            (
                (
                    "Espace d'orientation pour jeunes NEET",
                    "Ateliers CV, entretiens et orientation vers l'ANAPEC et les formations OFPPT.",
                ),
                (
                    "Atelier d'insertion par le recyclage",
                    "Collecte et recyclage du plastique avec des jeunes en situation de précarité.",
                ),
            ),
        ),
        "ar": _b(
            "المواكبة الاجتماعية|الإنصات والتوجيه|الإدماج المهني|تنشيط الورشات|"
            "كتابة السيرة الذاتية",
            "الإدماج السوسيو-اقتصادي للشباب|إدماج الأشخاص في وضعية إعاقة",
            (
                (
                    "فضاء لتوجيه الشباب",
                    "ورشات في كتابة السيرة الذاتية والمقابلات والتوجيه نحو أنابيك ومؤسسات التكوين.",
                ),
                (
                    "ورشة للإدماج عبر إعادة التدوير",
                    "جمع وإعادة تدوير البلاستيك بمشاركة شباب في وضعية هشاشة.",
                ),
            ),
        ),
        "da": _b(
            "التوجيه ديال الشباب|الاستماع|كتابة CV|التنشيط ديال الورشات",
            "الشباب لي ما خدامينش|الإدماج ديال الناس ف وضعية إعاقة",
            (
                ("فضاء ديال التوجيه", "بغينا نعاونو الشباب يكتبو CV و يلقاو خدمة ولا تكوين."),
                ("ورشة ديال الرسكلة", "نجمعو البلاستيك و نعاودو نخدموه مع شباب ف وضعية صعيبة."),
            ),
        ),
        "dl": _b(
            "tawjih dyal chabab|l'écoute|kitaba dyal CV|tanchit dyal ateliers",
            "chabab li ma khdaminch|l'inclusion dyal nass f wad3iyat i3a9a",
            (
                ("Fada2 dyal tawjih", "Bghina n3awno chabab ykteb CV w yl9aw khdma wla formation."),
                (
                    "Atelier dyal recyclage",
                    "Njm3o plastique w n3awdo nkhdmoh m3a chabab f wad3iya s3iba.",
                ),
            ),
        ),
        "en": _b(
            "social support|listening and guidance|job placement|workshop facilitation|CV writing",
            "socio-economic inclusion of NEET youth|inclusion of people with disabilities",
            (
                (
                    "Guidance hub for NEET youth",
                    "CV and interview workshops, referral to ANAPEC and OFPPT training.",
                ),
                (
                    "Recycling inclusion workshop",
                    "Collecting and recycling plastic with young people in precarious situations.",
                ),
            ),
        ),
    },
}

GENERIC_SKILLS: dict[str, tuple[str, ...]] = {
    "fr": (
        "communication",
        "bureautique",
        "travail en équipe",
        "permis B",
        "anglais",
        "gestion de projet",
    ),
    "ar": ("التواصل", "المعلوميات المكتبية", "العمل الجماعي", "رخصة السياقة", "اللغة الإنجليزية"),
    "da": ("التواصل", "الخدمة ف الجماعة", "البيرمي", "الفرنسية"),
    "dl": ("communication", "khdma f groupe", "permis", "lfransawiya", "l'informatique"),
    "en": ("communication", "MS Office", "teamwork", "driving licence", "French"),
}

FREE_INTERESTS: dict[str, tuple[str, ...]] = {
    "fr": ("football", "lecture", "photographie", "théâtre", "randonnée", "musique"),
    "ar": ("الرياضة", "القراءة", "المسرح", "التصوير الفوتوغرافي", "العمل التطوعي"),
    "da": ("الكورة", "الموسيقى", "التصاور", "السفر"),
    "dl": ("lkoura", "lmusi9a", "tsawer", "safar", "gaming"),
    "en": ("football", "reading", "photography", "volunteering", "hiking"),
}

# Youth bio: one intro, one interest sentence, then what they seek (and their project).
YOUTH_INTRO: dict[str, tuple[str, ...]] = {
    "fr": (
        "Bonjour, je m'appelle {first}, j'ai {age} ans et j'habite à {place}.",
        "{age} ans, originaire de {place}.",
        "Jeune diplômé·e de {place}, {age} ans.",
    ),
    "ar": ("اسمي {first}، عمري {age} سنة، من {place}.", "شاب(ة) من {place} أبلغ {age} سنة."),
    "da": ("سلام، أنا {first}، عندي {age} عام، من {place}.", "أنا {first} من {place}."),
    "dl": (
        "Salam, ana {first}, 3ndi {age} 3am, mn {place}.",
        "Ana {first} mn {place}, 3ndi {age} 3am.",
    ),
    "en": ("Hi, I'm {first}, {age}, from {place}.", "I'm {first}, a {age}-year-old from {place}."),
}
YOUTH_TOPIC: dict[str, tuple[str, ...]] = {
    "fr": (
        "Je m'intéresse à {topic}.",
        "J'ai de l'expérience dans {topic} et j'aimerais aller plus loin.",
    ),
    "ar": ("أهتم بمجال {topic}.", "لدي تجربة في {topic} وأطمح إلى تطويرها."),
    "da": ("كنخدم ف {topic} و بغيت نطور راسي.", "عندي تجربة ف {topic}."),
    "dl": (
        "Kankhdem f {topic} w bghit nt3llem ktar.",
        "3ndi experience f {topic}, w kanchouf rasi mzyan fih.",
    ),
    "en": ("I'm interested in {topic}.", "I have some experience in {topic} and want to grow."),
}
SEEK_PREFIX: dict[str, str] = {
    "fr": "Je cherche {x}.",
    "ar": "أبحث عن {x}.",
    "da": "كنقلب على {x}.",
    "dl": "Kan9elleb 3la {x}.",
    "en": "I'm looking for {x}.",
}
SEEK_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "mentor": "un mentor pour m'accompagner",
        "job": "un emploi ou un stage",
        "partner": "des partenaires pour mon projet",
        "peer": "d'autres jeunes pour échanger",
    },
    "ar": {
        "mentor": "مرشد يواكبني",
        "job": "فرصة عمل أو تدريب",
        "partner": "شركاء لمشروعي",
        "peer": "شباب لتبادل التجارب",
    },
    "da": {
        "mentor": "شي واحد يوجهني",
        "job": "خدمة ولا ستاج",
        "partner": "شركاء للمشروع ديالي",
        "peer": "شباب نتبادلو معاهم",
    },
    "dl": {
        "mentor": "chi mentor ywjjhni",
        "job": "khdma wla stage",
        "partner": "chi chriks l projet dyali",
        "peer": "chabab nt3awno m3ahom",
    },
    "en": {
        "mentor": "a mentor to guide me",
        "job": "a job or an internship",
        "partner": "partners for my project",
        "peer": "other young people to share with",
    },
}
SEEK_JOINER: dict[str, str] = {"fr": ", ", "ar": "، ", "da": "، ", "dl": ", ", "en": ", "}
PROJECT_LINE: dict[str, str] = {
    "fr": "Porteur·se du projet « {title} ».",
    "ar": "صاحب(ة) مشروع «{title}».",
    "da": "عندي مشروع: {title}.",
    "dl": "3ndi projet: {title}.",
    "en": 'I\'m working on the project "{title}".',
}

MENTOR_TITLES: dict[str, tuple[str, ...]] = {
    "fr": ("Ingénieur·e", "Entrepreneur·e", "Consultant·e", "Cadre retraité·e", "Formateur·rice"),
    "ar": ("مهندس(ة)", "مقاول(ة)", "مستشار(ة)", "إطار متقاعد", "مكون(ة)"),
    "en": ("Engineer", "Entrepreneur", "Consultant", "Retired manager", "Trainer"),
}
MENTOR_BIO: dict[str, str] = {
    "fr": "{title} avec {years} ans d'expérience dans {topic}. J'accompagne bénévolement "
    "des jeunes de {place}.",
    "ar": "{title} بخبرة {years} سنة في مجال {topic}. أواكب الشباب بشكل تطوعي في {place}.",
    "da": "عندي {years} عام ديال التجربة ف {topic}. كنعاون الشباب ديال {place} باش يبداو "
    "المشاريع ديالهم.",
    "dl": "3ndi {years} 3am d l'expérience f {topic}. Kan3awen chabab dyal {place} bla flouss, "
    "khassna n3awno b3dyatna.",
    "en": "{title} with {years} years of experience in {topic}. I volunteer to mentor young "
    "people in {place}.",
}
MENTOR_EXTRA: dict[str, str] = {
    "fr": "Disponible pour des échanges en ligne ou à Khouribga.",
    "ar": "متاح للقاءات عن بعد أو حضوريا.",
    "da": "نقدر نتلاقاو ف خريبكة ولا أونلاين.",
    "dl": "Nqder ntla9aw f Khouribga wla online, machi mochkil.",
    "en": "Available online or in person.",
}

ORG_WORDS: tuple[tuple[str, str], ...] = (
    ("Al Amal", "الأمل"),
    ("Nour", "النور"),
    ("Annahda", "النهضة"),
    ("Al Khair", "الخير"),
    ("Ouardigha", "ورديغة"),
    ("Al Fath", "الفتح"),
    ("Tafoukt", "تافوكت"),
    ("Assanabil", "السنابل"),
    ("Al Wafaa", "الوفاء"),
    ("Ennajah", "النجاح"),
    ("Al Mostakbal", "المستقبل"),
    ("Tiwizi", "تويزي"),
    ("Al Baraka", "البركة"),
    ("Al Wahda", "الوحدة"),
    ("Chourouk", "الشروق"),
    ("Al Ikhlass", "الإخلاص"),
)
ASSOCIATION_MISSIONS: dict[str, tuple[str, str]] = {
    "education": ("l'éducation et la formation", "للتربية والتكوين"),
    "health": ("la santé de la mère et de l'enfant", "لصحة الأم والطفل"),
    "inclusion": ("l'inclusion socio-économique", "للإدماج السوسيو-اقتصادي"),
    "ess": ("le développement local", "للتنمية المحلية"),
    "digital": ("la culture numérique", "للثقافة الرقمية"),
    "tourism": ("le patrimoine et le tourisme", "للتراث والسياحة"),
}
# (sector, French product, Arabic product, English product)
COOP_PRODUCTS: tuple[tuple[str, str, str, str], ...] = (
    ("agri", "couscous", "الكسكس", "couscous"),
    ("agri", "huile d'olive", "زيت الزيتون", "olive oil"),
    ("agri", "huile d'argan", "زيت الأركان", "argan oil"),
    ("agri", "miel", "العسل", "honey"),
    (
        "agri",
        "plantes aromatiques et médicinales",
        "النباتات العطرية والطبية",
        "aromatic and medicinal plants",
    ),
    ("agri", "fromage de chèvre", "جبن الماعز", "goat cheese"),
    ("ess", "élevage ovin", "تربية الأغنام", "sheep breeding"),
    ("craft", "tapis et tissage", "الزرابي والنسيج", "carpets and weaving"),
    ("craft", "couture", "الخياطة", "sewing"),
    ("agri", "lait et produits laitiers", "الحليب ومشتقاته", "milk and dairy products"),
    ("agri", "légumes de serre", "خضر البيوت المغطاة", "greenhouse vegetables"),
    ("craft", "poterie", "الفخار", "pottery"),
)
# (sector, French activity, Arabic activity, English activity, short name for the company name)
COMPANY_ACTIVITIES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "phosphate",
        "la maintenance industrielle",
        "الصيانة الصناعية",
        "industrial maintenance",
        "Maintenance Services",
    ),
    ("phosphate", "le transport du personnel", "نقل المستخدمين", "staff transport", "Transport"),
    (
        "phosphate",
        "la mécano-soudure et la chaudronnerie",
        "اللحام الميكانيكي والتلحيم",
        "mechanical welding and boilermaking",
        "Soudure Industrielle",
    ),
    (
        "phosphate",
        "le nettoyage industriel",
        "التنظيف الصناعي",
        "industrial cleaning",
        "Clean Industrie",
    ),
    ("digital", "les services informatiques", "الخدمات المعلوماتية", "IT services", "IT Solutions"),
    ("digital", "les centres d'appels", "مراكز النداء", "call centres", "Call Center"),
    (
        "agri",
        "la transformation agroalimentaire",
        "تحويل المنتجات الغذائية",
        "food processing",
        "Agro Food",
    ),
    (
        "tourism",
        "l'hébergement touristique (auberge et gîte)",
        "الإيواء السياحي",
        "tourist accommodation (hostel and guesthouse)",
        "Auberge & Gîte",
    ),
    (
        "agri",
        "l'exploitation agricole (oliviers, amandiers, céréales)",
        "الاستغلال الفلاحي (الزيتون واللوز والحبوب)",
        "farming (olives, almonds, cereals)",
        "Domaine Agricole",
    ),
    (
        "agri",
        "l'installation de systèmes d'irrigation",
        "تركيب أنظمة الري",
        "irrigation systems installation",
        "Irrigation",
    ),
    ("tourism", "la restauration", "المطاعم", "restaurants", "Restaurant"),
    (
        "health",
        "les soins de santé (clinique)",
        "العلاجات الصحية (مصحة)",
        "healthcare (clinic)",
        "Clinique",
    ),
    ("education", "l'enseignement privé", "التعليم الخصوصي", "private schooling", "École Privée"),
    (
        "craft",
        "la menuiserie et l'ameublement",
        "النجارة والأثاث",
        "joinery and furniture",
        "Menuiserie",
    ),
    ("digital", "la communication digitale", "التواصل الرقمي", "digital communication", "Digital"),
    (
        "phosphate",
        "la logistique et l'entreposage",
        "اللوجستيك والتخزين",
        "logistics and warehousing",
        "Logistique",
    ),
)
COMPANY_WORDS: tuple[str, ...] = (
    "Atlas",
    "Ouardigha",
    "Zem",
    "Tadla",
    "Oum Rbia",
    "Sbata",
    "Smaala",
    "Bni Khirane",
    "Plateau",
    "Nour",
    "Sanabil",
    "Kawkab",
    "Najm",
    "Tafilt",
)
# (French name template, Arabic name template, sectors, city keys or None for any commune)
PUBLIC_BODIES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    (
        "ANAPEC - Agence de {city}",
        "الوكالة الوطنية لإنعاش التشغيل والكفاءات - {city_ar}",
        ("inclusion", "education"),
        ("khouribga", "oued_zem", "bejaad"),
    ),
    (
        "Division de l'Action Sociale (INDH) - Province de Khouribga",
        "قسم العمل الاجتماعي - المبادرة الوطنية للتنمية البشرية - إقليم خريبكة",
        ("inclusion", "ess"),
        ("khouribga",),
    ),
    (
        "Institut de formation OFPPT de {city}",
        "معهد التكوين المهني {city_ar}",
        ("education", "phosphate", "digital"),
        ("khouribga", "oued_zem", "bejaad", "boujniba"),
    ),
    (
        "Office du Développement de la Coopération (ODCO) - Khouribga",
        "مكتب تنمية التعاون - خريبكة",
        ("ess", "agri"),
        ("khouribga",),
    ),
    ("Commune de {city}", "جماعة {city_ar}", ("inclusion", "ess"), None),
    ("Maison des Jeunes de {city}", "دار الشباب {city_ar}", ("education", "inclusion"), None),
    (
        "Centre Régional d'Investissement Béni Mellal-Khénifra - antenne de Khouribga",
        "المركز الجهوي للاستثمار بني ملال خنيفرة - ملحقة خريبكة",
        ("ess", "digital", "tourism"),
        ("khouribga",),
    ),
)
ORG_DESCRIPTION: dict[str, dict[str, str]] = {
    "association": {
        "fr": "Association active à {place} dans {topic}. Nous menons des actions de proximité "
        "avec les jeunes et les familles.",
        "ar": "جمعية تنشط في {place} في مجال {topic}، وتقوم بأنشطة القرب لفائدة الشباب والأسر.",
        "da": "جمعية خدامة ف {place} ف {topic}، كنخدمو مع الشباب و العائلات.",
        "dl": "Jam3iya khddama f {place} f {topic}, kankhdmo m3a chabab w l3a2ilat.",
        "en": "Association based in {place} working on {topic} with young people and families.",
    },
    "cooperative": {
        "fr": "Coopérative {product_de} créée par des jeunes de {place}. Nous produisons et "
        "vendons des produits de qualité.",
        "ar": "تعاونية {product_li} أسسها شباب من {place}، تنتج وتسوق منتجات ذات جودة.",
        "da": "تعاونية ديال {product} دايرينها شباب من {place}.",
        "dl": "Cooperative dyal {product} dayrinha chabab mn {place}, montojat mzyanin.",
        "en": "Youth cooperative producing {product} in {place}.",
    },
    "company": {
        "fr": "Entreprise basée à {place}, spécialisée dans {activity}.",
        "ar": "مقاولة مقرها {place}، متخصصة في {activity}.",
        "da": "شركة ف {place} خدامة ف {activity}.",
        "dl": "Charika f {place} khddama f {activity}.",
        "en": "Company based in {place}, specialised in {activity}.",
    },
    "public_body": {
        "fr": "Structure publique au service des jeunes et des porteurs de projets de {place}.",
        "ar": "مؤسسة عمومية في خدمة الشباب وحاملي المشاريع ب{place}.",
        "da": "مؤسسة عمومية كتعاون الشباب و الناس لي عندهم مشاريع ف {place}.",
        "dl": "Mo2assasa 3omomiya kat3awen chabab w nass li 3ndhom projets f {place}.",
        "en": "Public body serving young people and project holders in {place}.",
    },
}
NEEDS: dict[str, tuple[str, ...]] = {
    "fr": (
        "financement",
        "formation en marketing digital",
        "local de stockage",
        "matériel de production",
        "bénévoles",
        "autorisation sanitaire ONSSA",
        "accès aux marchés",
    ),
    "ar": (
        "التمويل",
        "تسويق المنتجات",
        "التكوين في التسويق الرقمي",
        "مقر للتخزين",
        "معدات الإنتاج",
        "متطوعون",
    ),
    "da": ("التمويل", "محل ديال التخزين", "الماتريال", "شي حد يعاونا ف البيع"),
    "dl": ("tamwil", "local dyal stockage", "matériel", "formation f marketing digital"),
    "en": (
        "funding",
        "digital marketing training",
        "storage space",
        "production equipment",
        "volunteers",
        "market access",
    ),
}
OFFERS: dict[str, tuple[str, ...]] = {
    "fr": (
        "accompagnement juridique",
        "formation",
        "espace de coworking",
        "débouchés commerciaux",
        "stages",
        "mentorat",
        "salle de réunion",
    ),
    "ar": (
        "المواكبة القانونية",
        "التكوين",
        "فضاء للعمل المشترك",
        "منافذ تجارية",
        "تداريب",
        "التأطير",
    ),
    "da": ("التكوين", "ستاجات", "نعاونو ف البيع", "بلاصة للخدمة"),
    "dl": ("formation", "stages", "n3awno f lbi3", "blassa l khdma"),
    "en": (
        "legal support",
        "training",
        "coworking space",
        "market outlets",
        "internships",
        "mentoring",
    ),
}
JOB_DESCRIPTION: dict[str, str] = {
    "fr": "{org} recrute : {title} à {place}. Missions liées à {topic}. Profil recherché : "
    "jeune motivé·e, {skills}.",
    "ar": "{org} تعلن عن حاجتها إلى {title} ب{place}. المهام مرتبطة ب{topic}. المؤهلات: {skills}.",
    "da": "{org} كتقلب على {title} ف {place}. الخدمة ف {topic}. خاصك تعرف: {skills}.",
    "dl": "{org} kat9elleb 3la {title} f {place}. Lkhdma f {topic}. Khassek t3ref: {skills}.",
    "en": "{org} is hiring: {title} in {place}. Tasks related to {topic}. Profile: motivated "
    "young person with {skills}.",
}
CONTRACT_PREFIX: dict[str, dict[str, str]] = {
    "job": {"fr": "", "ar": "", "da": "", "dl": "", "en": ""},
    "internship": {
        "fr": "Stage : ",
        "ar": "تدريب: ",
        "da": "ستاج: ",
        "dl": "Stage: ",
        "en": "Internship: ",
    },
    "apprenticeship": {
        "fr": "Apprentissage : ",
        "ar": "تدرج مهني: ",
        "da": "تدرج: ",
        "dl": "Apprentissage: ",
        "en": "Apprenticeship: ",
    },
    "volunteering": {
        "fr": "Bénévolat : ",
        "ar": "تطوع: ",
        "da": "تطوع: ",
        "dl": "Bénévolat: ",
        "en": "Volunteer: ",
    },
    "freelance": {
        "fr": "Freelance : ",
        "ar": "عمل حر: ",
        "da": "فريلانس: ",
        "dl": "Freelance: ",
        "en": "Freelance: ",
    },
}

# (Latin, Arabic) name pairs, so that one person can be written in either script.
FIRST_MALE: tuple[tuple[str, str], ...] = (
    ("Mohamed", "محمد"),
    ("Youssef", "يوسف"),
    ("Ayoub", "أيوب"),
    ("Hamza", "حمزة"),
    ("Omar", "عمر"),
    ("Anas", "أنس"),
    ("Ilyas", "إلياس"),
    ("Othmane", "عثمان"),
    ("Mehdi", "المهدي"),
    ("Zakaria", "زكرياء"),
    ("Abdellah", "عبد الله"),
    ("Khalid", "خالد"),
    ("Soufiane", "سفيان"),
    ("Yassine", "ياسين"),
    ("Hicham", "هشام"),
    ("Rachid", "رشيد"),
    ("Amine", "أمين"),
    ("Said", "سعيد"),
    ("Bilal", "بلال"),
    ("Badr", "بدر"),
    ("Reda", "رضى"),
    ("Walid", "وليد"),
    ("Abderrahim", "عبد الرحيم"),
    ("Noureddine", "نور الدين"),
)
FIRST_FEMALE: tuple[tuple[str, str], ...] = (
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Khadija", "خديجة"),
    ("Salma", "سلمى"),
    ("Imane", "إيمان"),
    ("Hajar", "هاجر"),
    ("Meryem", "مريم"),
    ("Sara", "سارة"),
    ("Asmae", "أسماء"),
    ("Hanane", "حنان"),
    ("Zineb", "زينب"),
    ("Nadia", "نادية"),
    ("Loubna", "لبنى"),
    ("Oumaima", "أميمة"),
    ("Chaimae", "شيماء"),
    ("Kawtar", "كوثر"),
    ("Soukaina", "سكينة"),
    ("Ikram", "إكرام"),
    ("Najat", "نجاة"),
    ("Houda", "هدى"),
    ("Btissam", "ابتسام"),
    ("Ghizlane", "غزلان"),
    ("Rajae", "رجاء"),
    ("Aicha", "عائشة"),
    ("Malika", "مليكة"),
)
LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("El Amrani", "العمراني"),
    ("Bennani", "بناني"),
    ("Cherkaoui", "الشرقاوي"),
    ("Alaoui", "العلوي"),
    ("Idrissi", "الإدريسي"),
    ("El Fassi", "الفاسي"),
    ("Zemmouri", "الزموري"),
    ("Smaili", "السماعلي"),
    ("Boughaleb", "بوغالب"),
    ("Lahlou", "لحلو"),
    ("Benali", "بنعلي"),
    ("El Khatib", "الخطيب"),
    ("Ouardi", "الوردي"),
    ("Haddaoui", "الحداوي"),
    ("Khiraoui", "الخيراوي"),
    ("Bouazzaoui", "البوعزاوي"),
    ("Mansouri", "المنصوري"),
    ("Tahiri", "الطاهري"),
    ("Naciri", "الناصري"),
    ("El Ouafi", "الوافي"),
    ("Chafik", "شفيق"),
    ("Rahmouni", "الرحموني"),
    ("Jabri", "الجابري"),
    ("Moutaouakil", "المتوكل"),
    ("Ait Ali", "آيت علي"),
    ("Amzil", "أمزيل"),
    ("Hilali", "الهلالي"),
    ("Ziani", "الزياني"),
    ("Fennani", "الفناني"),
    ("Kaddouri", "القدوري"),
)

# Places outside the province (5 % of profiles), with coordinates: (French, Arabic, lat, lon).
OUTSIDE_PLACES: tuple[tuple[str, str, float, float], ...] = (
    ("Casablanca", "الدار البيضاء", 33.5731, -7.5898),
    ("Béni Mellal", "بني ملال", 32.3373, -6.3498),
    ("Rabat", "الرباط", 34.0209, -6.8416),
    ("Settat", "سطات", 33.0011, -7.6167),
    ("Fquih Ben Salah", "الفقيه بن صالح", 32.5021, -6.6877),
    ("Kasba Tadla", "قصبة تادلة", 32.5977, -6.2684),
    ("Khénifra", "خنيفرة", 32.9333, -5.6667),
    ("Marrakech", "مراكش", 31.6295, -7.9811),
)
