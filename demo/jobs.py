"""The jobs employers of the province post in the demo data, and the skills each one asks for.

Per sector (``demo.phrases.SECTORS``), the jobs its organisations recruit for: farms,
cooperatives and food units for ``agri``; the subcontractors of the phosphate sites; craft
workshops; IT firms and call centres; guesthouses and restaurants; cooperatives and
associations; private schools and youth centres; clinics, pharmacies and home care; the
employment and social services. Each job is written in the text languages an employer would
use for it (``fr`` French and ``ar`` Modern Standard Arabic always; ``da`` Darija in Arabic
script, ``dl`` Darija in Latin script and ``en`` English for many), as "Title | skill ; skill".
An offer draws a job of its organisation's sector in its language and asks for that job's own
skills, so that an offer's title, description and required skills agree.

Titles are unique across the bank: the evaluation (``data/eval/demo_job_occupations.tsv``)
knows each title's ESCO occupation, chosen by hand, never read by the generator.
"""

from __future__ import annotations

Job = dict[str, tuple[str, tuple[str, ...]]]  # text language -> (title, skills)


def _job(**langs: str) -> Job:
    """One job: per text language, "Title | skill ; skill ; ...\"."""
    job: Job = {}
    for lang, text in langs.items():
        title, _, skills = text.partition("|")
        job[lang] = (title.strip(), tuple(s.strip() for s in skills.split(";") if s.strip()))
    return job


JOBS: dict[str, tuple[Job, ...]] = {
    "agri": (
        _job(
            fr="Agent de production agroalimentaire | hygiène alimentaire ; conduite de ligne "
            "de production ; conditionnement",
            ar="عامل إنتاج في الصناعة الغذائية | السلامة الصحية للأغذية ; تشغيل خط الإنتاج ; "
            "التلفيف",
            da="خدام ف معمل ديال الماكلة | النقا ف الخدمة ; الخدمة ف الشين ; التلفيف",
            dl="khddam f production | n9a f lkhdma ; lkhdma f la chaîne ; emballage",
            en="Food production operator | food hygiene ; production line operation ; packaging",
        ),
        _job(
            fr="Technicien qualité agroalimentaire | contrôle qualité ; HACCP ; analyses de "
            "laboratoire",
            ar="تقني مراقبة الجودة الغذائية | مراقبة الجودة ; نظام HACCP ; التحاليل المخبرية",
            da="مسؤول على الجودة ف معمل | الكونطرول ديال الجودة ; HACCP",
            dl="responsable dyal qualité | contrôle qualité ; HACCP ; analyses",
            en="Food quality technician | quality control ; HACCP ; laboratory testing",
        ),
        _job(
            fr="Opérateur de conditionnement | conditionnement ; étiquetage ; réglage de machine",
            ar="عامل تلفيف | التلفيف ; وضع الملصقات ; تشغيل آلة التعبئة",
        ),
        _job(
            fr="Ouvrier agricole | taille des arbres ; récolte ; irrigation goutte-à-goutte ; "
            "traitements phytosanitaires",
            ar="عامل فلاحي | تقليم الأشجار ; جني المحصول ; الري بالتنقيط",
            da="خدام ف الفيرمة | الزبير ; الجني ; السقي ; الدوا ديال الشجر",
            dl="khddam f lferma | zbir ; jni ; sa9i ; dwa dyal chjar",
            en="Farm worker | tree pruning ; harvesting ; drip irrigation",
        ),
        _job(
            fr="Technicien en irrigation | irrigation goutte-à-goutte ; pilotage de "
            "l'irrigation ; maintenance des pompes ; fertigation",
            ar="تقني في الري | الري بالتنقيط ; صيانة المضخات ; برمجة السقي ; التسميد مع الري",
            da="تقني ديال السقي | السقي بالقطارة ; الصيانة ديال الموطور ; البرمجة ديال السقي",
            dl="technicien dyal sa9i | goutte à goutte ; maintenance dyal pompes ; programmation",
            en="Irrigation technician | drip irrigation ; pump maintenance ; fertigation",
        ),
        _job(
            fr="Installateur de systèmes d'irrigation | pose de réseaux goutte-à-goutte ; "
            "raccords PEHD ; lecture de plans",
            ar="مركب أنظمة الري | تركيب شبكات الري بالتنقيط ; تركيب الأنابيب ; قراءة التصاميم",
            dl="monteur dyal goutte à goutte | tarkib dyal tiyawat ; plomberie ; plans",
            en="Irrigation system installer | drip system installation ; pipe fitting ; "
            "reading plans",
        ),
        _job(
            fr="Ouvrier en serre maraîchère | plantation ; palissage ; récolte des légumes",
            ar="عامل في البيوت المغطاة | الغرس ; تربية النباتات ; جني الخضر",
            da="خدام ف البلاستيك ديال الخضرة | الغراسة ; التربية ديال الطماطم ; الجني",
            en="Greenhouse worker | planting ; trellising ; vegetable harvesting",
        ),
        _job(
            fr="Technicien agricole | suivi des cultures ; protection des cultures ; "
            "conseil aux agriculteurs",
            ar="تقني فلاحي | تتبع الزراعات ; حماية المزروعات ; تأطير الفلاحين",
            da="تقني ف الفلاحة | التبع ديال الغلة ; الدوا ; التوجيه ديال الفلاحة",
            en="Agricultural technician | crop monitoring ; crop protection ; advising farmers",
        ),
        _job(
            fr="Chef d'exploitation agricole | gestion d'équipe ; planification des cultures ; "
            "gestion des stocks",
            ar="مسير ضيعة فلاحية | تسيير فريق العمل ; تخطيط الزراعات ; تدبير المخزون",
            en="Farm manager | team management ; crop planning ; stock management",
        ),
        _job(
            fr="Conducteur de tracteur | conduite de tracteur ; labour et semis ; entretien du "
            "matériel agricole",
            ar="سائق جرار فلاحي | سياقة الجرار ; الحرث والزرع ; صيانة الآليات الفلاحية",
            da="شيفور ديال التراكتور | سياقة التراكتور ; الحرث ; الصيانة ديال التراكتور",
            dl="chauffeur dyal tracteur | sya9a dyal tracteur ; l7rt ; zri3a",
            en="Tractor driver | tractor driving ; ploughing and sowing ; farm machinery upkeep",
        ),
        _job(
            fr="Ouvrier d'élevage | alimentation du bétail ; traite ; soins aux animaux",
            ar="عامل في تربية المواشي | تغذية الماشية ; الحلب ; العناية بالحيوانات",
            da="خدام ف الكسيبة | العلف ; الحليب ; التسمين",
            dl="khddam f lksiba | l3alf ; 7lib ; tasmin",
            en="Livestock worker | feeding livestock ; milking ; animal care",
        ),
        _job(
            fr="Responsable d'élevage ovin | conduite du troupeau ; engraissement des agneaux ; "
            "vaccination",
            ar="مسؤول عن تربية الأغنام | تسيير القطيع ; تسمين الخرفان ; التلقيح",
            dl="mas2oul 3la lghnem | ra3i ; tasmin dyal l7wali ; vaccin",
        ),
        _job(
            fr="Conseiller d'élevage | alimentation du troupeau ; suivi sanitaire ; "
            "encadrement des éleveurs",
            ar="مستشار في تربية الماشية | تغذية القطيع ; التتبع الصحي ; تأطير الكسابة",
        ),
        _job(
            fr="Fromager | fabrication de fromage ; transformation du lait ; hygiène",
            ar="صانع الأجبان | صناعة الجبن ; تحويل الحليب ; النظافة",
            da="صانع ديال الجبن | الجبن البلدي ; الحليب ; النقا",
            en="Cheese maker | cheese making ; milk processing ; hygiene",
        ),
        _job(
            fr="Agent de réception du lait | contrôle du lait ; test d'acidité ; refroidissement",
            ar="عامل استلام الحليب بمركز التجميع | مراقبة جودة الحليب ; قياس الحموضة ; التبريد",
        ),
        _job(
            fr="Opérateur de moulin à huile | trituration des olives ; nettoyage du moulin ; "
            "stockage de l'huile",
            ar="عامل في معصرة الزيتون | عصر الزيتون ; تنظيف المعصرة ; تخزين الزيت",
            da="خدام ف المعصرة | العصير ديال الزيتون ; الزيت",
            dl="khddam f lm3sra | 3sir dyal zitoun ; zit",
            en="Olive mill operator | olive pressing ; mill cleaning ; oil storage",
        ),
        _job(
            fr="Apiculteur | conduite des ruches ; extraction du miel ; transhumance",
            ar="مربي النحل | العناية بالخلايا ; جني العسل ; ترحال النحل",
            dl="n77al | terbiya dyal n7al ; l3sel ; khlayat",
            en="Beekeeper | hive management ; honey extraction ; moving hives",
        ),
        _job(
            fr="Cueilleur saisonnier | cueillette des olives ; tri des fruits ; travail en équipe",
            ar="عامل موسمي في الجني | جني الزيتون ; فرز الفواكه ; العمل الجماعي",
            da="خدام ف الجني ديال الزيتون | الجني ; الفرز",
            dl="khddam f jni | jni dyal zitoun ; tri",
            en="Seasonal fruit picker | olive picking ; fruit sorting ; teamwork",
        ),
        _job(
            fr="Opérateur de transformation de fruits et légumes | préparation des fruits ; "
            "fabrication de confitures ; stérilisation des bocaux",
            ar="عامل في وحدة تحويل الفواكه والخضر | تحضير الفواكه ; صناعة المربى ; تعقيم القنينات",
        ),
        _job(
            fr="Aviculteur | conduite d'un poulailler ; alimentation des volailles ; prophylaxie",
            ar="مربي الدواجن | تسيير الضيعة ; تغذية الدواجن ; الوقاية الصحية",
            dl="khddam f lferma dyal djaj | djaj ; l3alf ; dwa",
        ),
        _job(
            fr="Responsable hygiène et sécurité des aliments | HACCP ; réglementation ONSSA ; "
            "audits d'hygiène",
            ar="مسؤول السلامة الصحية للأغذية | نظام HACCP ; معايير السلامة الصحية ; افتحاص النظافة",
        ),
        _job(
            fr="Ingénieur agronome | conduite des vergers ; gestion de l'eau ; encadrement des "
            "ouvriers",
            ar="مهندس فلاحي | تسيير الأشجار المثمرة ; تدبير الماء ; تأطير العمال",
            en="Agronomist | orchard management ; water management ; supervising workers",
        ),
    ),
    "phosphate": (
        _job(
            fr="Technicien de maintenance industrielle | maintenance préventive ; mécanique ; "
            "hydraulique ; lecture de plans",
            ar="تقني صيانة صناعية | الصيانة الوقائية ; الميكانيك ; الهيدروليك",
            da="تقني ديال الصيانة | الميكانيك ; الصيانة ; الهيدروليك",
            dl="technicien dyal maintenance | mécanique ; maintenance ; hydraulique",
            en="Industrial maintenance technician | preventive maintenance ; mechanics ; "
            "hydraulics",
        ),
        _job(
            fr="Soudeur qualifié | soudure à l'arc ; soudure TIG ; lecture de plans",
            ar="لحام مؤهل | اللحام بالقوس الكهربائي ; اللحام TIG ; قراءة التصاميم",
            da="سودور | السودور ; التيگ ; البلان",
            dl="soudeur | soudure ; TIG ; plans",
            en="Certified welder | arc welding ; TIG welding ; reading drawings",
        ),
        _job(
            fr="Électromécanicien | électricité industrielle ; mécanique ; dépannage",
            ar="كهروميكانيكي | الكهرباء الصناعية ; الميكانيك ; إصلاح الأعطاب",
            dl="électromécanicien f chantier | triciti ; mécanique ; dépannage",
        ),
        _job(
            fr="Chauffeur d'engins | conduite d'engins ; chargeuse ; sécurité sur chantier",
            ar="سائق الآليات الثقيلة | سياقة الآليات ; الجرافة ; السلامة في الورش",
            da="شيفور | سياقة الطراكس ; البيرمي ; السلامة",
            dl="chauffeur | sya9a dyal les engins ; permis ; sécurité",
        ),
        _job(
            fr="Mécanicien d'engins miniers | mécanique des engins lourds ; diagnostic des "
            "pannes ; hydraulique",
            ar="ميكانيكي الآليات المنجمية | ميكانيك الآليات الثقيلة ; تشخيص الأعطاب ; الهيدروليك",
            da="ميكانيسيان ديال الطراكسات | الميكانيك ; الأعطاب ; الهيدروليك",
            en="Mining equipment mechanic | heavy equipment mechanics ; fault finding ; hydraulics",
        ),
        _job(
            fr="Électricien industriel | câblage d'armoires électriques ; automatisme ; "
            "habilitation électrique",
            ar="كهربائي صناعي | تركيب الخزانات الكهربائية ; الأتمتة ; السلامة الكهربائية",
            da="طريسيان ف الشركة | التريسيتي ; الطابلو ; الأوطوماتيزم",
            dl="électricien industriel | triciti ; armoires ; automatisme",
            en="Industrial electrician | control panel wiring ; automation ; electrical safety",
        ),
        _job(
            fr="Chauffeur poids lourd | permis C ; transport de marchandises ; entretien du "
            "véhicule",
            ar="سائق شاحنة | رخصة السياقة صنف ج ; نقل البضائع ; صيانة الشاحنة",
            da="شيفور ديال الكاميو | البيرمي ديال الكاميو ; النقل",
            dl="chauffeur dyal camion | permis C ; transport ; entretien",
        ),
        _job(
            fr="Soudeur tuyauteur | soudure de tuyauterie ; soudure TIG ; lecture d'isométriques",
            ar="لحام أنابيب | لحام الأنابيب ; اللحام TIG ; قراءة التصاميم",
            dl="soudeur tuyauteur | tuyauterie ; TIG ; isométrie",
        ),
        _job(
            fr="Animateur HSE | prévention des risques ; sensibilisation à la sécurité ; "
            "rapports d'accident",
            ar="منشط السلامة والصحة المهنية | الوقاية من المخاطر ; التحسيس بالسلامة ; "
            "تقارير الحوادث",
            en="HSE officer | risk prevention ; safety awareness ; incident reports",
        ),
        _job(
            fr="Chaudronnier | chaudronnerie ; découpe et pliage ; assemblage",
            ar="عامل في صناعة الهياكل المعدنية | تشكيل الصفائح ; القطع والطي ; التجميع",
            dl="chaudronnier | chaudronnerie ; découpage ; assemblage",
        ),
        _job(
            fr="Cariste | conduite de chariot élévateur ; chargement ; gestion de stock",
            ar="سائق رافعة شوكية | سياقة الرافعة ; الشحن والتفريغ ; تدبير المخزون",
            dl="cariste | clark ; chargement ; stock",
        ),
        _job(
            fr="Magasinier | réception des marchandises ; inventaire ; gestion de stock",
            ar="أمين مخزن | استلام السلع ; الجرد ; تدبير المخزون",
            da="ماگازينيي | الستوك ; الجرد",
        ),
        _job(
            fr="Technicien chimiste | analyses chimiques ; échantillonnage ; sécurité au "
            "laboratoire",
            ar="تقني كيميائي | التحاليل الكيميائية ; أخذ العينات ; السلامة في المختبر",
            en="Chemistry technician | chemical analysis ; sampling ; laboratory safety",
        ),
        _job(
            fr="Agent de sécurité | surveillance de site ; contrôle d'accès ; rondes",
            ar="حارس أمن | حراسة الموقع ; مراقبة الدخول ; الدوريات",
            da="عساس ف الشركة | الحراسة ; الدخول و الخروج",
            dl="agent de sécurité | 7rasa ; contrôle ; rondes",
        ),
        _job(
            fr="Agent de nettoyage industriel | nettoyage haute pression ; tri des déchets ; "
            "port des EPI",
            ar="عامل النظافة الصناعية | التنظيف بالضغط العالي ; فرز النفايات ; معدات الوقاية",
            da="خدام ف التنظيف ديال الشركة | التنظيف ; النفايات",
        ),
        _job(
            fr="Conducteur de pelle hydraulique | terrassement ; chargement de camions ; "
            "entretien courant",
            ar="سائق الحفارة | الحفر ; شحن الشاحنات ; الصيانة اليومية",
            dl="chauffeur dyal pelle | 7fir ; chargement ; entretien",
        ),
    ),
    "craft": (
        _job(
            fr="Couturière qualifiée | couture ; coupe ; retouches",
            ar="خياطة مؤهلة | الخياطة ; التفصيل ; الإصلاحات",
            da="خياطة | الخياطة ; التفصال ; الطرز",
            dl="khiyata | khiyata ; tfsal ; retouche",
            en="Skilled seamstress | sewing ; cutting ; alterations",
        ),
        _job(
            fr="Artisan tisserand | tissage sur métier ; préparation de la laine ; teinture",
            ar="حرفي في النسيج | النسج على المنسج ; تحضير الصوف ; الصباغة",
            en="Weaving artisan | loom weaving ; wool preparation ; dyeing",
        ),
        _job(
            fr="Tisseuse de tapis | tissage de tapis ; nouage ; motifs traditionnels",
            ar="ناسجة زرابي | نسج الزرابي ; العقد ; الزخارف التقليدية",
            da="معلم ف الزرابي | الزربية ; المنسج ; الصوف",
            dl="m3allem f zrabi | zerbiya ; mensej ; souf",
        ),
        _job(
            fr="Brodeuse | broderie à la main ; broderie machine ; finitions",
            ar="طرازة | الطرز اليدوي ; الطرز بالآلة ; اللمسات الأخيرة",
            da="معلمة ف الطرز | الطرز ; الراندة",
        ),
        _job(
            fr="Couseuse sur machine | couture industrielle ; piqûre ; finitions",
            ar="عاملة خياطة بالآلة | الخياطة الصناعية ; الدرز ; التشطيب",
            da="خدامة ف الكونفيكسيون | الماكينة ; الخياطة",
            dl="khddama f confection | machine ; khiyata",
            en="Sewing machine operator | industrial sewing ; stitching ; finishing",
        ),
        _job(
            fr="Tailleur de jellabas et caftans | coupe sur mesure ; couture traditionnelle ; "
            "prise de mesures",
            ar="خياط تقليدي | التفصيل حسب المقاس ; الخياطة التقليدية ; أخذ القياسات",
            da="خياط ديال الجلالب | الجلابة ; القفطان ; التفصال",
        ),
        _job(
            fr="Menuisier ébéniste | travail du bois ; fabrication de meubles ; vernissage",
            ar="نجار الأثاث | النجارة ; صناعة الأثاث ; الصباغة والتلميع",
            da="نجار ديال الموبل | النجارة ; الموبل ; الفيرني",
            dl="njjar dyal meubles | njara ; meubles ; vernis",
            en="Cabinet maker | woodworking ; furniture making ; varnishing",
        ),
        _job(
            fr="Menuisier bois (portes et fenêtres) | pose de portes ; menuiserie ; lecture de "
            "plans",
            ar="نجار أبواب ونوافذ | تركيب الأبواب ; النجارة ; قراءة التصاميم",
            dl="njjar dyal lbiban | njara ; biban w chrajem",
        ),
        _job(
            fr="Potier | tournage ; émaillage ; cuisson au four",
            ar="صانع الفخار | الخراطة ; التزجيج ; الطهي في الفرن",
            da="فخار | الطين ; الفران",
            en="Potter | wheel throwing ; glazing ; kiln firing",
        ),
        _job(
            fr="Bijoutier | fabrication de bijoux en argent ; soudure de bijoux ; polissage",
            ar="صائغ | صناعة الحلي الفضية ; لحام الحلي ; التلميع",
            dl="bijoutier | nokra ; bijoux ; polissage",
        ),
        _job(
            fr="Maroquinier | travail du cuir ; couture du cuir ; découpe",
            ar="صانع الجلد | العمل في الجلد ; خياطة الجلد ; القطع",
            da="صانع ديال الجلد | البلاغي ; الصاك",
            en="Leather craftsman | leatherwork ; leather stitching ; cutting",
        ),
        _job(
            fr="Maâlem zellige (carreleur) | pose de zellige ; carrelage ; découpe",
            ar="معلم الزليج | تركيب الزليج ; التبليط ; التقطيع",
            da="معلم ديال الزليج | الزليج ; الزلايج",
            dl="m3allem zellij | zellij ; carrelage",
        ),
        _job(
            fr="Plâtrier décorateur | sculpture sur plâtre ; staff ; enduits",
            ar="صانع الجبص | النقش على الجبص ; الديكور ; التلبيس",
            da="معلم ديال الجبص | النقش ; الجبص",
        ),
        _job(
            fr="Tapissier d'ameublement | garnissage de salons ; couture d'ameublement ; tissus",
            ar="منجد | تنجيد الصالونات ; خياطة الأفرشة ; الأثواب",
            da="طابسي | الصالون ; الموس ; التوب",
        ),
    ),
    "digital": (
        _job(
            fr="Développeur web junior | HTML ; CSS ; JavaScript ; PHP",
            ar="مطور ويب مبتدئ | HTML ; CSS ; JavaScript ; برمجة المواقع",
            da="ديفلوبور | البرمجة ; السيتات ; JavaScript",
            dl="développeur | programmation ; sites web ; JavaScript",
            en="Junior web developer | HTML ; CSS ; JavaScript ; PHP",
        ),
        _job(
            fr="Community manager | réseaux sociaux ; création de contenu ; Canva",
            ar="مسير صفحات التواصل الاجتماعي | مواقع التواصل الاجتماعي ; صناعة المحتوى ; Canva",
            da="مسير ديال الصفحات | فيسبوك و أنستغرام ; المحتوى",
            dl="community manager | social media ; contenu ; Canva",
            en="Social media manager | social networks ; content creation ; Canva",
        ),
        _job(
            fr="Technicien support informatique | assistance aux utilisateurs ; dépannage ; "
            "Windows",
            ar="تقني الدعم المعلوماتي | مساعدة المستخدمين ; إصلاح الأعطاب ; ويندوز",
            en="IT support technician | user support ; troubleshooting ; Windows",
        ),
        _job(
            fr="Téléconseiller | relation client ; français courant ; vente par téléphone",
            ar="مستشار مركز نداء | العلاقة مع الزبناء ; اللغة الفرنسية ; البيع عبر الهاتف",
            da="تيليكونساي | الفرونسي ; الزبناء ; التيليفون",
            dl="téléconseiller | relation client ; français ; vente",
            en="Call centre agent | customer service ; fluent French ; phone sales",
        ),
        _job(
            fr="Développeur logiciel | Java ; SQL ; Git ; tests",
            ar="مطور برمجيات | جافا ; قواعد البيانات ; Git",
            dl="développeur logiciel | Java ; SQL ; Git",
            en="Software developer | Java ; SQL ; Git ; testing",
        ),
        _job(
            fr="Développeur d'applications mobiles | Flutter ; Android ; API REST",
            ar="مطور تطبيقات الهاتف | Flutter ; أندرويد ; الواجهات البرمجية",
            en="Mobile app developer | Flutter ; Android ; REST APIs",
        ),
        _job(
            fr="Opérateur de saisie | saisie de données ; Excel ; rigueur",
            ar="عون إدخال المعطيات | إدخال البيانات ; إكسل ; الدقة",
            da="خدام ف السيزي | السيزي ; إكسيل",
            dl="opérateur de saisie | saisie ; Excel",
        ),
        _job(
            fr="Graphiste | Photoshop ; Illustrator ; identité visuelle",
            ar="مصمم غرافيك | فوتوشوب ; إليستريتور ; الهوية البصرية",
            da="ديزاينر | فوتوشوب ; اللوغو",
            dl="designer graphique | Photoshop ; Illustrator ; logos",
            en="Graphic designer | Photoshop ; Illustrator ; visual identity",
        ),
        _job(
            fr="Chargé de marketing digital | publicité Facebook ; référencement ; Google "
            "Analytics",
            ar="مكلف بالتسويق الرقمي | الإعلانات على فيسبوك ; تحسين محركات البحث ; تحليل الزيارات",
            en="Digital marketing officer | Facebook ads ; SEO ; Google Analytics",
        ),
        _job(
            fr="Réparateur de téléphones | réparation de smartphones ; changement d'écran ; "
            "soudure de composants",
            ar="مصلح الهواتف | إصلاح الهواتف الذكية ; تغيير الشاشات ; لحام المكونات",
            da="مصلح ديال التيليفونات | التصليح ; الشاشة ; البورطابل",
            dl="réparateur dyal portables | tsli7 ; écran ; soudure",
        ),
        _job(
            fr="Monteur vidéo | montage vidéo ; Premiere Pro ; tournage",
            ar="مونتير فيديو | المونتاج ; Premiere Pro ; التصوير",
            dl="monteur vidéo | montage ; tsawer ; Premiere",
            en="Video editor | video editing ; Premiere Pro ; filming",
        ),
        _job(
            fr="Technicien informatique | installation de postes ; maintenance ; réseaux",
            ar="تقني معلوماتي | تثبيت الحواسيب ; الصيانة ; الشبكات",
            da="تقني ف الإعلاميات | الصيانة ; البيسي ; الريزو",
        ),
        _job(
            fr="Technicien réseaux | câblage réseau ; configuration de routeurs ; Wi-Fi",
            ar="تقني شبكات | تمديد الشبكات ; إعداد الموجهات ; الويفي",
            en="Network technician | network cabling ; router configuration ; Wi-Fi",
        ),
        _job(
            fr="Analyste de données junior | Excel ; Power BI ; SQL",
            ar="محلل معطيات | إكسل ; Power BI ; قواعد البيانات",
            en="Junior data analyst | Excel ; Power BI ; SQL",
        ),
        _job(
            fr="Responsable e-commerce | boutique en ligne ; gestion des commandes ; marketing",
            ar="مسؤول التجارة الإلكترونية | المتجر الإلكتروني ; تدبير الطلبيات ; التسويق",
            dl="responsable e-commerce | boutique online ; commandes",
        ),
        _job(
            fr="Photographe | photographie de produits ; retouche photo ; éclairage",
            ar="مصور فوتوغرافي | تصوير المنتجات ; معالجة الصور ; الإضاءة",
            da="فوطوغراف | التصاور ; الفوطوشوب",
        ),
    ),
    "tourism": (
        _job(
            fr="Réceptionniste d'auberge | accueil ; réservations ; anglais",
            ar="موظف استقبال بنزل | الاستقبال ; الحجوزات ; اللغة الإنجليزية",
            da="ريسيبسيونيست | الاستقبال ; الريزيرفاسيون",
            dl="réceptionniste | accueil ; réservations ; l'anglais",
            en="Hostel receptionist | front desk ; bookings ; English",
        ),
        _job(
            fr="Guide touristique local | guidage ; histoire de la région ; langues étrangères",
            ar="مرشد سياحي محلي | الإرشاد ; تاريخ المنطقة ; اللغات الأجنبية",
            da="كيد سياحي | التوجيه ديال السياح ; التاريخ",
            dl="guide touristique | guide ; tarikh dyal la région ; langues",
            en="Local tour guide | guiding ; local history ; foreign languages",
        ),
        _job(
            fr="Commis de cuisine | préparation des légumes ; hygiène en cuisine ; plonge",
            ar="مساعد طباخ | تحضير الخضر ; النظافة في المطبخ ; غسل الأواني",
            da="عاون ف الكوزينة | التحضير ; النقا",
        ),
        _job(
            fr="Cuisinier | cuisine marocaine ; tajines et couscous ; hygiène",
            ar="طباخ | الطبخ المغربي ; الطواجن والكسكس ; النظافة",
            da="طباخ ف ريسطو | الطبخ ; الطاجين",
            dl="tabbakh | tabkh lmaghribi ; tajine ; n9a",
            en="Cook | Moroccan cuisine ; tagines and couscous ; food hygiene",
        ),
        _job(
            fr="Serveur en restauration | service en salle ; accueil des clients ; encaissement",
            ar="نادل | خدمة الزبناء ; الاستقبال ; الأداء",
            da="سيرفور | السيرفيس ; الكليان",
            dl="serveur | service ; clients ; caisse",
        ),
        _job(
            fr="Pâtissier | pâtisserie marocaine ; viennoiserie ; gâteaux",
            ar="صانع الحلويات | الحلويات المغربية ; المعجنات ; الكعك",
            da="حلواني | الحلوة ; الفران",
        ),
        _job(
            fr="Gérant de maison d'hôtes | accueil ; réservations en ligne ; gestion du personnel",
            ar="مسير دار الضيافة | الاستقبال ; الحجز عبر الإنترنت ; تسيير المستخدمين",
            en="Guesthouse manager | hosting guests ; online bookings ; staff management",
        ),
        _job(
            fr="Gérant de restaurant | gestion d'équipe ; caisse ; approvisionnement",
            ar="مسير مطعم | تسيير الفريق ; الصندوق ; التموين",
        ),
        _job(
            fr="Agent d'accueil touristique | information des visiteurs ; langues étrangères ; "
            "patrimoine",
            ar="عون الإرشاد السياحي | إرشاد الزوار ; اللغات الأجنبية ; التراث",
        ),
    ),
    "ess": (
        _job(
            fr="Animateur de coopérative | accompagnement des coopératives ; animation de "
            "réunions ; montage de projets",
            ar="منشط تعاونية | مواكبة التعاونيات ; تنشيط الاجتماعات ; إعداد المشاريع",
            da="منشط ف تعاونية | التعاونيات ; الاجتماعات",
            dl="animateur f cooperative | coopératives ; réunions ; projets",
            en="Cooperative facilitator | supporting cooperatives ; running meetings ; project "
            "design",
        ),
        _job(
            fr="Assistant comptable | saisie comptable ; facturation ; Excel",
            ar="مساعد محاسب | التسجيل المحاسبي ; الفوترة ; إكسل",
            da="مساعد ف الحسابات | الحسابات ; الفاكتورات",
            dl="assistant comptable | l7sabat ; factures ; Excel",
            en="Assistant bookkeeper | bookkeeping ; invoicing ; Excel",
        ),
        _job(
            fr="Comptable | comptabilité générale ; déclarations fiscales ; logiciel Sage",
            ar="محاسب | المحاسبة العامة ; التصريحات الضريبية ; برنامج المحاسبة",
        ),
        _job(
            fr="Assistant administratif | secrétariat ; classement ; bureautique",
            ar="مساعد إداري | السكرتارية ; الأرشفة ; المكتبيات",
            dl="assistant administratif | secrétariat ; archives ; bureautique",
        ),
        _job(
            fr="Agent de tri et de recyclage | tri des déchets ; collecte ; compostage",
            ar="عامل فرز وإعادة التدوير | فرز النفايات ; الجمع ; التسميد العضوي",
            da="خدام ف الرسيكلاج | الفرز ; البلاستيك",
        ),
    ),
    "education": (
        _job(
            fr="Éducateur préscolaire | éveil des enfants ; activités ludiques ; langue arabe",
            ar="مربية في التعليم الأولي | الأنشطة التربوية ; الألعاب التعليمية ; القراءة",
            da="مربية ف الروض | الدراري الصغار ; اللعب",
            dl="mourabbiya f rawd | drari sghar ; l3ab",
            en="Preschool educator | early learning ; play activities ; reading",
        ),
        _job(
            fr="Formateur en alphabétisation | alphabétisation des adultes ; pédagogie ; arabe",
            ar="مكون في محو الأمية | تعليم الكبار ; البيداغوجيا ; القراءة والكتابة",
            en="Literacy trainer | adult literacy ; teaching methods ; Arabic",
        ),
        _job(
            fr="Animateur socio-éducatif | animation de groupes ; ateliers pour jeunes ; théâtre",
            ar="منشط سوسيوتربوي | تنشيط المجموعات ; ورشات الشباب ; المسرح",
        ),
        _job(
            da="أستاذ ديال الدعم | الماط ; الفيزيك ; الفرونسي",
            dl="prof dyal soutien | maths ; physique ; français",
        ),
        _job(
            fr="Professeur de mathématiques | enseignement des mathématiques ; préparation au "
            "baccalauréat ; suivi des élèves",
            ar="أستاذ الرياضيات | تدريس الرياضيات ; التحضير للباكالوريا ; تتبع التلاميذ",
            da="أستاذ ديال الماط | الماط ; الباك",
        ),
        _job(
            fr="Professeur de français | enseignement du français ; expression écrite ; "
            "préparation aux examens",
            ar="أستاذ اللغة الفرنسية | تدريس الفرنسية ; التعبير الكتابي ; التحضير للامتحانات",
            en="French teacher | teaching French ; writing skills ; exam preparation",
        ),
        _job(
            fr="Professeur de physique-chimie | travaux pratiques ; enseignement des sciences",
            ar="أستاذ الفيزياء والكيمياء | الأشغال التطبيقية ; تدريس العلوم",
        ),
        _job(
            fr="Instituteur d'école primaire | enseignement primaire ; gestion de classe",
            ar="أستاذ التعليم الابتدائي | التدريس في الابتدائي ; تدبير القسم",
        ),
        _job(
            fr="Formateur en informatique | bureautique ; initiation à Internet ; pédagogie",
            ar="مكون في المعلوميات | المكتبيات ; استعمال الإنترنت ; البيداغوجيا",
            dl="formateur f l'informatique | bureautique ; internet",
        ),
        _job(
            fr="Formateur d'anglais en centre de langues | anglais ; communication orale",
            ar="مكون في اللغة الإنجليزية بمركز اللغات | الإنجليزية ; التواصل الشفهي",
            en="English trainer at a language centre | English ; speaking skills",
        ),
        _job(
            fr="Animateur de colonie de vacances | jeux ; encadrement d'enfants ; secourisme",
            ar="منشط المخيمات الصيفية | الألعاب ; تأطير الأطفال ; الإسعافات الأولية",
            da="مونيتور ف المخيم | اللعب مع الدراري",
        ),
    ),
    "health": (
        _job(
            fr="Animatrice de santé communautaire | sensibilisation ; suivi des femmes "
            "enceintes ; vaccination",
            ar="منشطة صحية جماعية | التحسيس ; تتبع النساء الحوامل ; التلقيح",
            da="منشطة ديال الصحة | التوعية ; الحوامل",
            dl="animatrice dyal se77a | tawiya ; l7awamel",
            en="Community health facilitator | health awareness ; pregnancy follow-up ; "
            "vaccination",
        ),
        _job(
            fr="Aide-soignante | soins d'hygiène ; aide aux patients ; prise des constantes",
            ar="مساعدة تمريض | العناية بالنظافة ; مساعدة المرضى ; قياس الضغط والحرارة",
            da="مساعدة ف التمريض | المرضى ; النقا",
            dl="aide-soignante | mrad ; soins",
            en="Nursing assistant | personal care ; helping patients ; vital signs",
        ),
        _job(
            fr="Infirmier polyvalent | soins infirmiers ; injections ; pansements",
            ar="ممرض متعدد الاختصاصات | العلاجات التمريضية ; الحقن ; الضمادات",
            da="فرملي | الإبر ; الفاصمة",
            dl="infirmier | soins ; piqûres ; pansements",
            en="General nurse | nursing care ; injections ; wound dressing",
        ),
        _job(
            fr="Éducatrice de crèche | éveil des tout-petits ; hygiène de l'enfant ; repas",
            ar="مربية في الحضانة | رعاية الرضع ; نظافة الطفل ; التغذية",
            da="مربية ف الكريش | الدراري الصغار ; الرضاعة",
        ),
        _job(
            fr="Assistante de vie dépendance | aide à la toilette ; accompagnement des personnes "
            "âgées ; repas",
            ar="مساعدة منزلية للمسنين | المساعدة على النظافة ; مرافقة المسنين ; إعداد الوجبات",
            dl="mosa3ida f dar m3a chyoukh | n9a ; mora9aba",
        ),
        _job(
            fr="Sage-femme | accouchement ; suivi de grossesse ; consultations prénatales",
            ar="قابلة | التوليد ; تتبع الحمل ; الاستشارات قبل الولادة",
        ),
        _job(
            fr="Aide-préparateur en pharmacie | conseil au comptoir ; gestion des "
            "médicaments ; caisse",
            ar="مساعد في صيدلية | نصح الزبناء ; تدبير الأدوية ; الصندوق",
            da="خدام ف الفارماسي | الدوا ; الكليان",
        ),
        _job(
            fr="Ambulancier | transport de patients ; premiers secours ; permis B",
            ar="سائق سيارة إسعاف | نقل المرضى ; الإسعافات الأولية ; رخصة السياقة",
        ),
    ),
    "inclusion": (
        _job(
            fr="Conseiller en insertion | accompagnement des chercheurs d'emploi ; ateliers CV ; "
            "relation entreprises",
            ar="مستشار في الإدماج | مواكبة الباحثين عن الشغل ; ورشات السيرة الذاتية ; "
            "العلاقة مع المقاولات",
            da="مستشار ف الإدماج | الخدمة ; السيفي",
            dl="conseiller f l'insertion | CV ; khdma ; entreprises",
            en="Employment counsellor | job seeker support ; CV workshops ; employer relations",
        ),
        _job(
            fr="Assistant social | écoute ; accompagnement des familles ; dossiers sociaux",
            ar="مساعد اجتماعي | الإنصات ; مواكبة الأسر ; الملفات الاجتماعية",
            da="مساعد اجتماعي ف الجمعية | العائلات ; الملفات",
            dl="assistant social | l3a2ilat ; dossiers",
            en="Social worker | listening ; family support ; case files",
        ),
        _job(
            fr="Intervenant social de proximité | médiation ; accompagnement des jeunes ; "
            "orientation",
            ar="متدخل اجتماعي للقرب | الوساطة ; مواكبة الشباب ; التوجيه",
        ),
    ),
}
