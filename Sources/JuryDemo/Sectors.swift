import JuryCore

/// A filière and everything a dossier of that filière talks about. Noun phrases carry their
/// article so that they can be dropped into a sentence as they are.
struct Sector: Sendable {
    /// The filière as the form records it.
    let label: String
    /// Where such a pole is found (a forest pole in Paris would not be believed).
    let territories: Set<TerritoryType>
    /// Whether it is credible overseas (bois-énergie and heating networks are not, in the tropics).
    var overseas = true
    let names: [@Sendable (Place) -> String]
    /// Infinitive phrase: the pole's purpose.
    let mission: String
    /// The local problem the cooperation started from.
    let need: String
    /// Things the pole runs or builds, with their article.
    let activities: [String]
    /// Means the members share, with their article.
    let pooled: [String]
    /// Last year's headline result for a pole of the given size (1…5), as a noun phrase.
    let result: @Sendable (Int) -> String
    /// Who the activities serve first (after « les »).
    let beneficiaries: String
    let innovations: [String]
    /// Scaling projects, noun phrases with their article.
    let scaling: [String]
    let essMembers: [@Sendable (Place) -> String]
    /// Trades of the ordinary enterprises that join such a pole (« Menuiserie », « Transports »…).
    let trades: [String]
}

extension Sector {
    func suits(_ place: Place, in region: RegionProfile) -> Bool {
        territories.contains(place.territory) && (overseas || !region.isOverseas)
    }

    static let all: [Sector] = [reemploi, alimentation, mobilite, energie, textile, numerique, tourisme,
                                batiment, insertion, sante, culture, foret]

    static let reemploi = Sector(
        label: "Réemploi et économie circulaire", territories: [.rural, .urbain, .mixte],
        names: [{ "Pôle Réemploi \($0.bare)" }, { "La Boucle \($0.of)" }, { "Ressources Communes \($0.of)" },
                { "La Fabrique des Transitions \($0.of)" }],
        mission: "faire du réemploi et de la réparation une filière économique locale, créatrice d’emplois et sobre en ressources",
        need: "chaque année, des milliers de tonnes d’objets, de meubles et de matériaux encore utilisables partaient en déchetterie, faute d’une filière locale capable de les collecter, de les réparer et de les remettre en circulation",
        activities: [
            "une ressourcerie de 1 400 m² qui collecte, trie et revend meubles, vaisselle et électroménager",
            "un atelier de réparation d’électroménager et de vélos ouvert au public deux jours par semaine",
            "une plateforme de réemploi des matériaux du bâtiment alimentée par les chantiers de démolition des entreprises membres",
            "un service de collecte des encombrants mutualisé avec les déchetteries intercommunales",
            "des ateliers de réparation participatifs animés dans les bourgs et les quartiers",
            "une boutique solidaire en centre-ville, adossée à une offre de location de matériel",
        ],
        pooled: ["un entrepôt de stockage de 800 m²", "deux camions de collecte équipés d’un hayon",
                 "un poste de responsable qualité et sécurité", "un logiciel commun de traçabilité des flux"],
        result: { "\(Phrase.number(180 + $0 * 95)) tonnes d’objets et de matériaux détournées de l’enfouissement" },
        beneficiaries: "habitants aux revenus modestes, qui s’équipent à petit prix",
        innovations: [
            "Le pôle expérimente avec les bailleurs sociaux une « matériauthèque » qui récupère les équipements déposés lors des réhabilitations de logements pour les réinstaller ailleurs.",
            "Une monnaie de réemploi, acceptée dans les boutiques du réseau, récompense les habitants qui apportent des objets réparables plutôt que de les jeter.",
        ],
        scaling: ["l’ouverture d’une seconde ressourcerie dans la partie la moins desservie du territoire",
                  "la création d’une filière de reconditionnement du mobilier de bureau avec les entreprises du bassin",
                  "la formation d’une quinzaine de valoristes par an avec les organismes de formation membres"],
        essMembers: [{ "Ressourcerie \($0.of)" }, { _ in "Recyclerie La Trouvaille" }, { _ in "Atelier Vélo Solidaire" },
                     { "Régie de quartier de \($0.commune)" }, { _ in "Envol Réparation (entreprise d’insertion)" }],
        trades: ["Transports", "Démolition et curage", "Menuiserie", "Déménagements", "Électroménager", "Garage"])

    static let alimentation = Sector(
        label: "Alimentation durable et circuits courts", territories: [.rural, .urbain, .mixte],
        names: [{ "Pôle Alimentaire \($0.bare)" }, { "Les Circuits Courts \($0.of)" }, { "Le Garde-Manger \($0.of)" }],
        mission: "relocaliser l’alimentation du territoire en reliant producteurs, transformateurs, restauration collective et habitants",
        need: "les producteurs locaux peinaient à accéder à la restauration collective et aux commerces de proximité, tandis qu’une part croissante des habitants renonçait à une alimentation de qualité pour des raisons de prix",
        activities: [
            "une légumerie-conserverie qui transforme les fruits et légumes déclassés des maraîchers",
            "une plateforme logistique de circuits courts qui livre cantines scolaires et EHPAD",
            "une épicerie solidaire à double tarification, ouverte à tous les habitants",
            "un espace test agricole qui accompagne chaque année trois porteurs de projet maraîchers",
            "un programme d’éducation alimentaire dans les écoles et les centres sociaux",
            "une cuisine partagée louée à l’heure aux traiteurs et aux jeunes entreprises alimentaires",
        ],
        pooled: ["une chambre froide de 60 m³", "un véhicule frigorifique", "un outil commun de prise de commande en ligne",
                 "un poste de logisticien"],
        result: { "\(Phrase.number(40 + $0 * 35)) tonnes de produits locaux commercialisés en circuit court" },
        beneficiaries: "familles en situation de précarité alimentaire",
        innovations: [
            "Le pôle expérimente avec la caisse d’allocations familiales une « caisse alimentaire commune » : les ménages participants reçoivent chaque mois un crédit à dépenser auprès des producteurs conventionnés.",
            "Les contrats pluriannuels signés entre les cantines et les maraîchers garantissent un prix plancher qui sécurise l’installation de jeunes agriculteurs.",
        ],
        scaling: ["l’extension des livraisons aux communes voisines et aux collèges du département",
                  "la création d’une seconde légumerie pour absorber la production estivale",
                  "l’ouverture de l’épicerie solidaire aux étudiants"],
        essMembers: [{ "Épicerie solidaire de \($0.commune)" }, { _ in "Jardin d’insertion Les Potagers" },
                     { "Coopérative paysanne \($0.of)" }, { _ in "SCIC Manger Local" }, { _ in "Restaurant associatif La Table Ouverte" }],
        trades: ["Boulangerie", "Boucherie", "Maraîchage", "Transports frigorifiques", "Supérette", "Traiteur"])

    static let mobilite = Sector(
        label: "Mobilité solidaire", territories: [.rural, .mixte],
        names: [{ "Pôle Mobilité \($0.bare)" }, { "Les Chemins Partagés \($0.of)" }, { "Mobil’Éco \($0.bare)" }],
        mission: "lever les freins à la mobilité qui empêchent les habitants d’accéder à l’emploi, à la formation et aux services",
        need: "sans voiture ni transport en commun adapté, de nombreux demandeurs d’emploi devaient refuser des offres ou des formations situées à quelques dizaines de kilomètres",
        activities: [
            "un garage solidaire qui entretient et répare à prix coûtant les véhicules des ménages modestes",
            "une flotte de voitures et de scooters loués 3 € par jour aux personnes en reprise d’emploi",
            "une plateforme de mobilité qui réalise un diagnostic individuel et oriente vers la solution adaptée",
            "un transport à la demande associatif pour les personnes âgées isolées",
            "une auto-école sociale qui prépare au permis de conduire des jeunes suivis par la mission locale",
            "un réseau d’autopartage entre particuliers, communes et entreprises",
        ],
        pooled: ["un parc de vingt-cinq véhicules", "un atelier mécanique équipé", "une plateforme téléphonique commune",
                 "un poste de conseiller mobilité"],
        result: { "\(Phrase.number(90 + $0 * 60)) personnes accompagnées vers une solution de mobilité durable" },
        beneficiaries: "demandeurs d’emploi et jeunes sans solution de transport",
        innovations: [
            "Un partenariat avec les entreprises de la zone d’activités finance une navette mutualisée calée sur les horaires des équipes postées.",
            "Le pôle a conçu avec des auto-écoles classiques une formation au permis en petits groupes, adaptée aux personnes en difficulté avec l’écrit.",
        ],
        scaling: ["l’ouverture d’une antenne du garage solidaire dans le nord du territoire",
                  "le passage à des véhicules électriques partagés avec les communes",
                  "la duplication de la plateforme de mobilité dans l’intercommunalité voisine"],
        essMembers: [{ "Garage solidaire \($0.of)" }, { "Plateforme mobilité \($0.of)" }, { _ in "Auto-école sociale Permis pour tous" },
                     { _ in "Association Roue Libre" }, { "SCIC Autopartage \($0.bare)" }],
        trades: ["Garage", "Transports", "Taxis", "Location de véhicules", "Auto-école", "Carrosserie"])

    static let energie = Sector(
        label: "Énergies renouvelables citoyennes", territories: [.rural, .mixte],
        names: [{ "Énergies Citoyennes \($0.of)" }, { "Pôle Énergie \($0.bare)" }, { "Soleil Commun \($0.of)" }],
        mission: "développer une production d’énergie renouvelable maîtrisée localement, dont les bénéfices restent sur le territoire",
        need: "les projets d’énergie renouvelable étaient portés par des opérateurs extérieurs, sans retombées locales ni adhésion des habitants, alors que la facture énergétique des ménages et des collectivités ne cessait de croître",
        activities: [
            "une société de projet citoyenne qui a financé douze centrales photovoltaïques sur des toitures publiques",
            "une centrale solaire au sol installée sur une ancienne décharge réhabilitée",
            "un service d’accompagnement à la rénovation énergétique des logements modestes",
            "une campagne de financement participatif qui a réuni plus de 400 habitants actionnaires",
            "un programme de lutte contre la précarité énergétique mené avec le centre communal d’action sociale",
            "une étude de faisabilité pour une unité de méthanisation agricole collective",
        ],
        pooled: ["un bureau d’études interne", "un outil de suivi de la production en temps réel", "un fonds d’amorçage commun",
                 "une ingénierie juridique et financière"],
        result: { "\(Phrase.number(300 + $0 * 450)) MWh d’électricité renouvelable produits" },
        beneficiaries: "ménages en situation de précarité énergétique",
        innovations: [
            "Les collectivités membres louent leurs toitures contre une part des bénéfices, réinvestie dans la rénovation des écoles.",
            "Une part de la production est vendue en circuit court à des entreprises du territoire, à un prix stable sur vingt ans.",
        ],
        scaling: ["le lancement de dix nouvelles toitures solaires sur des bâtiments agricoles",
                  "la création d’une offre locale de fourniture d’électricité pour les membres",
                  "une opération d’autoconsommation collective dans un second bourg"],
        essMembers: [{ "SCIC Énergies \($0.of)" }, { _ in "Coopérative Soleil Partagé" }, { _ in "Association Rénovation Solidaire" },
                     { _ in "SAS citoyenne Les Toits Solaires" }, { _ in "Chantier d’insertion Éco-Chantiers" }],
        trades: ["Électricité générale", "Couverture", "Bureau d’études thermiques", "Exploitation forestière", "Chauffage et plomberie", "Scierie"])

    static let textile = Sector(
        label: "Textile et mode responsable", territories: [.urbain, .mixte],
        names: [{ "La Fabrique Textile \($0.of)" }, { "Fil Commun \($0.bare)" }, { "Pôle Textile \($0.bare)" }],
        mission: "relocaliser une production textile responsable en s’appuyant sur les savoir-faire du territoire et sur le réemploi des vêtements",
        need: "le territoire avait perdu presque tous ses ateliers de confection, alors que des couturières qualifiées restaient sans emploi et que les textiles usagés partaient à l’étranger sans être valorisés",
        activities: [
            "un atelier de confection solidaire qui produit des petites séries pour des marques locales",
            "un centre de tri des textiles usagés collectés dans les bornes du territoire",
            "une boutique de vêtements de seconde main et de créations surcyclées",
            "une formation qualifiante aux métiers de la couture industrielle",
            "un service de retouche et de réparation de vêtements pour les particuliers",
            "une matériauthèque qui revend aux créateurs les chutes de tissu des entreprises",
        ],
        pooled: ["un parc de machines à coudre industrielles", "un atelier de coupe", "une marque collective", "un showroom commun"],
        result: { "\(Phrase.number(30 + $0 * 35)) tonnes de textiles collectés et triés" },
        beneficiaries: "femmes éloignées de l’emploi",
        innovations: [
            "Le pôle offre aux marques une fabrication locale à coût maîtrisé en regroupant les commandes de plusieurs créateurs.",
            "Les vêtements trop usés pour être revendus deviennent un isolant phonique pour le bâtiment, avec une entreprise partenaire.",
        ],
        scaling: ["la création d’une ligne de vêtements de travail pour les collectivités",
                  "l’ouverture d’une seconde boutique en centre-ville",
                  "l’accueil de créateurs en résidence dans l’atelier"],
        essMembers: [{ _ in "Atelier de confection Les Petites Mains" }, { "Centre de tri textile \($0.of)" }, { _ in "Boutique solidaire Fripe & Cie" },
                     { _ in "SCOP Couture Locale" }, { _ in "Association Fil d’Ariane" }],
        trades: ["Confection", "Teinturerie", "Mercerie", "Blanchisserie", "Création textile", "Broderie"])

    static let numerique = Sector(
        label: "Numérique responsable et inclusion numérique", territories: [.rural, .urbain, .mixte],
        names: [{ "Pôle Numérique Solidaire \($0.of)" }, { "Le Lien Numérique \($0.of)" }, { "Pôle Numérique Responsable \($0.bare)" }],
        mission: "réduire la fracture numérique et l’empreinte environnementale du numérique en développant le reconditionnement et la médiation",
        need: "près d’un habitant sur cinq ne savait pas faire seul ses démarches en ligne, pendant que les entreprises et les administrations renouvelaient leurs ordinateurs sans filière locale de réemploi",
        activities: [
            "un atelier de reconditionnement d’ordinateurs issus des entreprises et des administrations",
            "des permanences de médiation numérique dans les mairies et les maisons France services",
            "une offre d’équipements reconditionnés à prix solidaire pour les familles et les étudiants",
            "une formation de technicien informatique pour des personnes en insertion",
            "un accompagnement des petites entreprises à la sobriété numérique",
            "un tiers-lieu numérique ouvert aux associations",
        ],
        pooled: ["un stock commun de pièces détachées", "un outil d’effacement certifié des données", "un poste de conseiller numérique",
                 "une salle de formation équipée"],
        result: { "\(Phrase.number(250 + $0 * 320)) ordinateurs reconditionnés et remis en circulation" },
        beneficiaries: "personnes âgées et familles éloignées du numérique",
        innovations: [
            "Le pôle a obtenu des administrations du territoire une clause de réemploi qui lui réserve en priorité les ordinateurs réformés.",
            "Un « pass numérique » financé par les entreprises membres offre aux habitants cinq heures d’accompagnement personnalisé.",
        ],
        scaling: ["la création d’une seconde chaîne de reconditionnement dédiée aux téléphones",
                  "une offre de maintenance informatique pour les associations",
                  "des permanences itinérantes dans les communes rurales"],
        essMembers: [{ _ in "Atelier Informatique Solidaire" }, { _ in "Association Clic Solidaire" }, { _ in "SCIC Réemploi Numérique" },
                     { _ in "Tiers-lieu Le Comptoir" }, { _ in "Entreprise d’insertion Octet Vert" }],
        trades: ["Informatique", "Services numériques", "Réseaux et télécoms", "Bureautique", "Agence web", "Maintenance informatique"])

    static let tourisme = Sector(
        label: "Tourisme durable", territories: [.rural, .mixte],
        names: [{ "Pôle Tourisme Durable \($0.of)" }, { "Les Chemins de Traverse \($0.of)" }, { "Escales Solidaires \($0.of)" }],
        mission: "développer un tourisme de proximité, respectueux des milieux et profitable aux habitants tout au long de l’année",
        need: "la fréquentation touristique se concentrait sur quelques semaines d’été au profit d’opérateurs extérieurs, tandis que les hébergements et les commerces locaux fermaient le reste de l’année",
        activities: [
            "une centrale de réservation commune aux hébergements et aux activités de pleine nature",
            "un réseau de gîtes d’étape sur l’itinéraire de randonnée",
            "une offre de séjours scolaires et de classes vertes hors saison",
            "des formations des saisonniers à l’accueil et à l’environnement",
            "un groupement d’employeurs qui propose des contrats annualisés aux saisonniers",
            "un programme de visites d’entreprises et de savoir-faire locaux",
        ],
        pooled: ["un site de réservation commun", "un minibus de neuf places", "un poste de commercial",
                 "du matériel de randonnée et des vélos à assistance électrique"],
        result: { "\(Phrase.number(1_800 + $0 * 2_600)) nuitées vendues par la centrale de réservation" },
        beneficiaries: "saisonniers et familles aux revenus modestes",
        innovations: [
            "Le groupement d’employeurs permet à des saisonniers de cumuler un emploi d’été dans le tourisme et un emploi d’hiver dans l’agriculture ou l’aide à domicile.",
            "Une part de chaque séjour vendu abonde un fonds d’entretien des sentiers et des milieux naturels.",
        ],
        scaling: ["une offre de séjours d’automne et d’hiver pour allonger la saison",
                  "l’intégration des hébergements des communes voisines",
                  "le lancement d’une offre itinérante à vélo"],
        essMembers: [{ _ in "Association Randonnée et Patrimoine" }, { _ in "SCIC Séjours Nature" }, { _ in "Groupement d’employeurs Saisons partagées" },
                     { _ in "Centre de vacances Le Grand Air" }, { _ in "Coopérative des guides nature" }],
        trades: ["Hôtel-restaurant", "Camping", "Location de vélos", "Autocars", "Ferme-auberge", "Canoë-kayak"])

    static let batiment = Sector(
        label: "Bâtiment et écoconstruction", territories: [.rural, .urbain, .mixte],
        names: [{ "Pôle Écoconstruction \($0.bare)" }, { "Les Bâtisseurs \($0.of)" }, { "Écohabitat \($0.bare)" }],
        mission: "structurer une filière locale de l’écoconstruction et de la rénovation énergétique fondée sur les matériaux biosourcés",
        need: "les artisans manquaient de main-d’œuvre formée à la rénovation performante, et les matériaux biosourcés produits sur place, comme la paille ou le chanvre, ne trouvaient pas de débouchés",
        activities: [
            "une filière de panneaux isolants en paille avec les agriculteurs du territoire",
            "un groupement d’artisans qui répond ensemble aux marchés de rénovation globale",
            "un chantier-école de rénovation énergétique de logements communaux",
            "un service d’accompagnement des propriétaires modestes dans leurs travaux",
            "une plateforme de réemploi des matériaux de chantier",
            "une formation aux techniques de la terre crue et du chanvre",
        ],
        pooled: ["un hangar de stockage des matériaux biosourcés", "un parc d’échafaudages", "un poste d’économiste de la construction",
                 "un logiciel de chiffrage commun"],
        result: { "\(Phrase.number(18 + $0 * 22)) logements rénovés avec des matériaux biosourcés" },
        beneficiaries: "propriétaires occupants aux revenus modestes",
        innovations: [
            "Le groupement propose aux ménages une rénovation globale avec un interlocuteur unique, du diagnostic à la réception des travaux.",
            "Le pôle a fait valider avec un laboratoire partenaire un enduit en terre crue fabriqué à partir des terres d’excavation locales.",
        ],
        scaling: ["la création d’un atelier de caissons préfabriqués en bois et paille",
                  "l’ouverture d’un centre de formation aux métiers de la rénovation",
                  "l’extension du groupement d’artisans à un second bassin de vie"],
        essMembers: [{ _ in "SCOP Bâtir Sain" }, { _ in "Chantier d’insertion Éco-Rénov" }, { _ in "Coopérative d’artisans Terre & Paille" },
                     { _ in "Association Toit Solidaire" }, { "Coopérative d’activité et d’emploi du bâtiment \($0.of)" }],
        trades: ["Maçonnerie", "Charpente", "Menuiserie", "Plâtrerie", "Architecture", "Négoce de matériaux"])

    static let insertion = Sector(
        label: "Insertion par l’activité économique", territories: [.rural, .urbain, .mixte],
        names: [{ "Les Passerelles \($0.of)" }, { "Pôle Inclusion \($0.bare)" }, { "Tremplin \($0.bare)" }],
        mission: "construire des parcours vers l’emploi durable en rapprochant les structures d’insertion et les entreprises du territoire",
        need: "les entreprises locales ne parvenaient pas à recruter alors que de nombreuses personnes restaient durablement sans emploi, faute de parcours de formation et d’accompagnement adaptés",
        activities: [
            "un groupement d’employeurs pour l’insertion et la qualification",
            "une plateforme commune de recrutement entre structures d’insertion et entreprises",
            "des parcours qualifiants vers les métiers en tension (logistique, propreté, aide à domicile)",
            "une garde d’enfants à horaires atypiques pour les salariés en parcours",
            "des périodes de mise en situation professionnelle dans les entreprises membres",
            "un parrainage des salariés en parcours par des cadres et des dirigeants d’entreprise",
        ],
        pooled: ["une équipe commune d’accompagnateurs socioprofessionnels", "un outil partagé de suivi des parcours",
                 "des locaux de formation", "une fonction ressources humaines"],
        result: { "\(Phrase.number(25 + $0 * 30)) sorties vers un emploi durable ou une formation qualifiante" },
        beneficiaries: "personnes éloignées de l’emploi",
        innovations: [
            "Les entreprises membres réservent des postes aux salariés en fin de parcours et participent à leur formation dès l’entrée en insertion.",
            "Une clause d’insertion partagée permet aux petites entreprises de remplir ensemble leurs obligations dans les marchés publics.",
        ],
        scaling: ["l’ouverture de parcours vers les métiers de la transition écologique",
                  "l’arrivée de nouvelles entreprises de l’industrie agroalimentaire",
                  "la création d’une entreprise d’insertion par le travail indépendant"],
        essMembers: [{ "Chantier d’insertion \($0.of)" }, { _ in "Entreprise d’insertion Cap Avenir" }, { _ in "Association intermédiaire Coup de Main" },
                     { _ in "Intérim Solidaire (entreprise de travail temporaire d’insertion)" }, { "Régie de territoire \($0.of)" }],
        trades: ["Logistique", "Propreté", "Conserverie", "Plasturgie", "Travaux publics", "Espaces verts"])

    static let sante = Sector(
        label: "Santé et bien vieillir", territories: [.rural, .urbain, .mixte],
        names: [{ "Pôle Bien Vieillir \($0.of)" }, { "Soins en Commun \($0.bare)" }, { "Maison Commune de la Santé \($0.of)" }],
        mission: "permettre aux personnes âgées et fragiles de vivre chez elles dans de bonnes conditions, en coordonnant soin, aide et lien social",
        need: "le territoire perdait ses professionnels de santé, les services d’aide à domicile manquaient de personnel et l’isolement des personnes âgées s’aggravait",
        activities: [
            "un service d’aide à domicile coopératif qui rémunère mieux les intervenantes grâce à des tournées optimisées",
            "un centre de santé associatif avec deux médecins salariés",
            "un habitat inclusif de huit logements pour personnes âgées autonomes",
            "une équipe de bénévoles formés au repérage de l’isolement",
            "un service de petits travaux d’adaptation des logements",
            "des ateliers de prévention des chutes et de nutrition",
        ],
        pooled: ["un outil de planification des tournées", "un véhicule adapté aux personnes à mobilité réduite",
                 "un poste de coordinatrice de parcours", "des locaux de consultation"],
        result: { "\(Phrase.number(120 + $0 * 80)) personnes âgées accompagnées à domicile" },
        beneficiaries: "personnes âgées vivant seules",
        innovations: [
            "Les aides à domicile travaillent en équipes autonomes de quatre à six personnes, ce qui a fortement réduit le renouvellement du personnel.",
            "Un bouquet de services combine aide, soin, transport et portage de repas avec un seul interlocuteur pour les familles.",
        ],
        scaling: ["l’ouverture d’un second habitat inclusif", "la création d’une équipe mobile de prévention",
                  "l’arrivée des pharmacies et des kinésithérapeutes du territoire"],
        essMembers: [{ "Coopérative d’aide à domicile \($0.of)" }, { "Centre de santé de \($0.commune)" }, { _ in "Mutuelle Solidarité Santé" },
                     { _ in "Association Les Âges Unis" }, { _ in "Habitat inclusif Les Tilleuls" }],
        trades: ["Pharmacie", "Kinésithérapie", "Ambulances", "Portage de repas", "Aménagement de salles de bains", "Cabinet infirmier"])

    static let culture = Sector(
        label: "Culture et industries créatives", territories: [.urbain, .mixte],
        names: [{ "La Fabrique Culturelle \($0.of)" }, { "Pôle Culture \($0.bare)" }, { "Les Ateliers Créatifs \($0.of)" }],
        mission: "faire de la culture un moteur d’activité et d’emploi pour les artistes, les techniciens et les entreprises créatives du territoire",
        need: "artistes et techniciens vivaient dans une grande précarité, isolés les uns des autres, et le territoire manquait de lieux de création et de diffusion",
        activities: [
            "un tiers-lieu culturel qui accueille répétitions, résidences et spectacles",
            "un bureau d’accompagnement administratif et juridique des compagnies",
            "un parc de matériel scénique et audiovisuel en location",
            "une coopérative d’activité et d’emploi dédiée aux métiers artistiques",
            "un festival itinérant dans les communes rurales",
            "des ateliers d’éducation artistique dans les établissements scolaires",
        ],
        pooled: ["un parc de matériel son et lumière", "un poste d’administrateur de production", "une salle de répétition",
                 "une billetterie commune"],
        result: { "\(Phrase.number(40 + $0 * 45)) artistes et techniciens accompagnés" },
        beneficiaries: "artistes et techniciens intermittents",
        innovations: [
            "Les compagnies membres partagent un administrateur de production rémunéré au temps passé, ce qui leur permet de se consacrer à la création.",
            "Le pôle a créé avec les entreprises du territoire des résidences d’artistes en entreprise, financées par le mécénat.",
        ],
        scaling: ["l’aménagement d’une seconde salle de création", "une formation aux métiers techniques du spectacle",
                  "la mise en réseau avec les autres tiers-lieux culturels de la région"],
        essMembers: [{ _ in "Compagnie Les Voix Partagées" }, { _ in "Coopérative Artistes Associés" }, { _ in "Tiers-lieu La Manufacture" },
                     { _ in "Radio associative Ondes Libres" }, { _ in "Association Musiques en Friche" }],
        trades: ["Studio d’enregistrement", "Production audiovisuelle", "Imprimerie", "Librairie", "Location de matériel scénique", "Communication"])

    static let foret = Sector(
        label: "Forêt et bois local", territories: [.rural, .mixte], overseas: false,
        names: [{ "Pôle Forêt-Bois \($0.of)" }, { "Filière Bois \($0.bare)" }, { "Les Forestiers Associés \($0.of)" }],
        mission: "valoriser sur place la ressource forestière, de la gestion durable des forêts à la construction en bois local",
        need: "le bois des forêts locales partait en grumes pour être transformé loin d’ici, pendant que les scieries fermaient et que les petits propriétaires ne géraient plus leurs parcelles",
        activities: [
            "une association de propriétaires qui regroupe les petites parcelles pour une gestion durable",
            "une scierie coopérative qui transforme le bois local pour la construction",
            "une filière bois-énergie qui approvisionne les chaufferies communales",
            "une marque collective garantissant l’origine locale du bois",
            "un atelier de mobilier en bois local pour les collectivités",
            "des formations au débardage à cheval et à la sylviculture douce",
        ],
        pooled: ["un séchoir à bois", "un broyeur à plaquettes", "une plateforme de stockage", "un technicien forestier"],
        result: { "\(Phrase.number(1_200 + $0 * 1_800)) m³ de bois local transformés sur place" },
        beneficiaries: "propriétaires forestiers et entreprises de la filière",
        innovations: [
            "Les communes membres ont introduit dans leurs marchés une exigence de bois d’origine locale, ce qui a sécurisé les débouchés de la scierie.",
            "Un contrat d’approvisionnement de dix ans entre les chaufferies et les propriétaires garantit un prix rémunérateur et une gestion durable.",
        ],
        scaling: ["l’installation d’une ligne de bois lamellé-collé", "la certification de la marque collective",
                  "l’approvisionnement en bois-énergie des établissements de santé"],
        essMembers: [{ "Scierie coopérative \($0.of)" }, { "Association des propriétaires forestiers \($0.of)" }, { _ in "SCIC Bois Énergie Local" },
                     { _ in "Chantier d’insertion Forêt et Rivières" }, { "CUMA forestière de \($0.commune)" }],
        trades: ["Exploitation forestière", "Scierie", "Charpente", "Menuiserie", "Transport de bois", "Ébénisterie"])
}
