import JuryCore

/// Writes the six narrative sections of an application from a story. Each section has an
/// opening paragraph and further ones; a dossier takes the opening and a random, ordered
/// selection of the others, each written in one of several phrasings.
enum NarrativeWriter {
    typealias Paragraph = @Sendable (Story, inout SeededGenerator) -> String

    static func write(_ story: Story, paragraphs: ClosedRange<Int>, rng: inout SeededGenerator) -> Narrative {
        func section(_ pool: [Paragraph]) -> String {
            let wanted = min(rng.int(paragraphs), pool.count)
            let opening = pool[0](story, &rng)
            guard wanted > 1 else { return opening }
            let others = rng.sample(Array(1..<pool.count), wanted - 1).sorted()
            return ([opening] + others.map { pool[$0](story, &rng) }).joined(separator: "\n\n")
        }
        return Narrative(presentation: section(presentation), cooperation: section(cooperation),
                         economicModel: section(economicModel), animation: section(animation),
                         impact: section(impact), scaling: section(scaling))
    }

    private static func sentences(_ parts: String?...) -> String { parts.compactMap { $0 }.joined(separator: " ") }

    // MARK: - Présentation du pôle

    static let presentation: [Paragraph] = [
        { s, rng in
            let intro: String
            switch rng.below(3) {
            case 0: intro = "\(s.name) est un pôle territorial de coopération économique implanté à \(s.place.commune), \(s.region.within). Créé en \(s.created), il réunit aujourd’hui \(s.composition)."
            case 1: intro = "Implanté à \(s.place.commune), au cœur du territoire \(s.place.of), le pôle « \(s.name) » fédère depuis \(s.created) \(s.composition)."
            default: intro = "Né en \(s.created) à \(s.place.commune), le pôle territorial de coopération économique « \(s.name) » rassemble \(s.composition)."
            }
            let aim = rng.pick(["Son ambition est de \(s.sector.mission).", "Les membres se sont donné un objectif commun : \(s.sector.mission).",
                                "Tous partagent une même ambition : \(s.sector.mission)."])
            let phase1: String
            if let year = s.phase1 {
                phase1 = rng.pick([
                    "Lauréat de la phase 1 de l’AMI PTCE en \(year), le pôle a bénéficié d’un accompagnement qui l’a aidé à formaliser sa stratégie et à clarifier sa gouvernance.",
                    "Reconnu comme PTCE émergent lors de la phase 1 de l’AMI en \(year), il a profité de l’accompagnement proposé pour consolider son projet coopératif.",
                ])
            } else {
                phase1 = "Le pôle n’a pas participé à la phase 1 de l’AMI PTCE : sa coopération s’est structurée depuis, avec l’appui du dispositif local d’accompagnement."
            }
            return sentences(intro, aim, phase1)
        },
        { s, rng in
            switch rng.below(3) {
            case 0:
                return sentences("Le projet est né d’un constat partagé : \(s.sector.need).",
                                 "Plutôt que d’agir chacun de leur côté, les fondateurs (\(Phrase.list(s.founders))) ont décidé de mettre en commun leurs moyens et leurs compétences.",
                                 "Les premières réunions ont rassemblé une poignée de structures ; elles sont aujourd’hui \(s.members.count) à s’engager dans la durée.")
            case 1:
                return sentences("Tout est parti d’une observation faite à plusieurs reprises par les acteurs de terrain : \(s.sector.need).",
                                 "En \(s.created), une structure de l’ESS du territoire (\(s.essExample)) a proposé aux entreprises et aux collectivités voisines de chercher ensemble des réponses.",
                                 "La coopération s’est ensuite élargie, projet après projet, sans jamais perdre de vue ce point de départ.")
            default:
                return sentences("À l’origine du pôle, il y a un paradoxe : \(s.sector.need).",
                                 "Les acteurs économiques du territoire connaissaient le problème, mais aucun n’avait la taille pour y répondre seul.",
                                 "C’est ce qui a conduit les fondateurs (\(Phrase.list(s.founders))) à organiser, en \(s.created), une première rencontre ouverte à toutes les structures intéressées.")
            }
        },
        { s, rng in
            let context: String
            switch (s.place.territory, rng.below(2)) {
            case (.rural, 0):
                context = "Le territoire \(s.place.of) est rural : l’habitat y est dispersé, la population vieillit et les services s’éloignent. Les bourgs, dont \(s.place.commune), concentrent l’essentiel des emplois mais ont perdu une partie de leurs commerces en vingt ans. Le tissu économique repose sur l’agriculture, l’artisanat et quelques PME industrielles, souvent familiales et très attachées au territoire."
            case (.rural, _):
                context = "Comme beaucoup d’espaces ruraux, le territoire \(s.place.of) cumule les difficultés : faible densité, distances importantes, départ des jeunes vers les villes, offre de formation limitée. Il dispose pourtant d’atouts réels, qu’il s’agisse de ses ressources naturelles, de la vitalité de son tissu associatif ou de l’attachement de ses entreprises à leur implantation."
            case (.urbain, 0):
                context = "Le pôle intervient dans un territoire urbain dense, qui compte plusieurs quartiers prioritaires de la politique de la ville. Le chômage y dépasse nettement la moyenne départementale, en particulier chez les jeunes et les mères seules avec enfants. Le foncier est rare et cher, ce qui pèse sur les petites structures de l’ESS, souvent contraintes à des locaux provisoires."
            case (.urbain, _):
                context = "\(s.place.commune) concentre à la fois des richesses et des fragilités : de grandes entreprises et des services publics nombreux, mais aussi des quartiers où un habitant sur trois vit sous le seuil de pauvreté. Les structures de l’ESS y sont nombreuses ; avant la création du pôle, elles se connaissaient peu et se trouvaient parfois en concurrence pour les mêmes financements."
            case (.mixte, 0):
                context = "Le territoire \(s.place.of) associe une ville moyenne, \(s.place.commune), et une couronne de communes périurbaines et rurales. Cette diversité est une richesse mais aussi une difficulté : services et emplois se concentrent dans la ville-centre, tandis que les habitants des communes éloignées dépendent de la voiture. Le pôle s’attache à construire des réponses qui profitent à l’ensemble du bassin de vie."
            case (.mixte, _):
                context = "Autour de \(s.place.commune), le territoire \(s.place.of) mêle quartiers urbains, zones d’activités et villages. Les besoins y sont contrastés, et les acteurs économiques ont longtemps travaillé à l’échelle de leur seule commune. Le pôle a été pensé dès l’origine pour dépasser ces frontières et relier la ville-centre à sa périphérie."
            }
            let remote: String?
            switch (s.region.isOverseas, s.region.island) {
            case (true, true):
                remote = "L’insularité renchérit le coût des biens importés, soumis de surcroît à l’octroi de mer, et le chômage des jeunes reste très supérieur à la moyenne nationale : produire, réparer et transformer sur place est ici une condition de l’autonomie du territoire."
            case (true, false):
                remote = "L’éloignement, l’enclavement de nombreuses communes et une croissance démographique rapide mettent les services sous tension, et le chômage des jeunes reste très supérieur à la moyenne nationale : produire et transformer sur place est ici une condition de l’autonomie du territoire."
            case (false, true):
                remote = "L’insularité et la forte saisonnalité de l’économie accentuent la dépendance aux importations et la précarité de nombreux emplois."
            case (false, false):
                remote = nil
            }
            return sentences(context, remote)
        },
        { s, rng in
            let carrier: String
            switch s.form {
            case .association:
                carrier = s.place.department.hasLocalAssociationLaw
                    ? "l’association de droit local « \(s.name) », inscrite au registre du tribunal judiciaire,"
                    : "l’association « \(s.name) », régie par la loi de 1901,"
            case .scicSAS: carrier = "la société coopérative d’intérêt collectif « \(s.name) », constituée en SAS,"
            case .scicSA: carrier = "la société coopérative d’intérêt collectif « \(s.name) », constituée en société anonyme,"
            case .sasCooperative: carrier = "la SAS coopérative « \(s.name) »,"
            case .gip: carrier = "le groupement d’intérêt public « \(s.name) »,"
            }
            let turnover = Int((s.jobs * rng.double(52_000...71_000) / 100_000).rounded()) * 100_000
            let millions = Double(turnover) / 1_000_000
            let turnoverText = turnover < 1_000_000 ? Money.format(turnover)
                : Decimal2.format(millions, digits: 1) + (millions < 2 ? " million d’euros" : " millions d’euros")
            return sentences("Le pôle est porté juridiquement par \(carrier) dont le siège est à \(s.place.commune).",
                             "En 2022, les structures membres employaient au total \(Decimal2.format(s.jobs, digits: 1)) ETP sur le territoire, pour un chiffre d’affaires cumulé d’environ \(turnoverText).",
                             "L’animation est assurée par \(s.coordinator), \(s.coordinatorTitle) du pôle depuis \(s.coordinatorSince), avec l’appui des dirigeants bénévoles des structures membres.")
        },
        { s, rng in
            let result = s.sector.result(s.size)
            if rng.chance(0.5) {
                return sentences("Depuis sa création, le pôle a déjà mis en place \(s.activities[0]) et \(s.activities[1]).",
                                 "Le bilan 2022 fait état de \(result).",
                                 "Ces résultats ont été obtenus avec des moyens limités, essentiellement grâce aux dirigeants des structures membres, qui ont consacré à la coopération un temps considérable.")
            }
            return sentences("Les réalisations communes sont déjà nombreuses. Les membres ont créé ensemble \(s.activities[0]) ; ils ont également lancé \(s.activities[1]).",
                             "En 2022, leur activité collective représentait \(result), un chiffre en progression depuis trois ans.")
        },
        { s, rng in
            if rng.chance(0.5) {
                return sentences("La candidature à la phase 2 de l’AMI intervient à un moment charnière.",
                                 "La coopération a fait ses preuves, mais elle repose encore trop sur la bonne volonté de quelques personnes.",
                                 "Le soutien de l’État, \(Money.format(s.budget.requested)) sur vingt-quatre mois, permettrait de pérenniser la fonction d’animation et de passer d’une coopération de projets à une véritable stratégie commune pour le territoire.")
            }
            return sentences("Le pôle sollicite aujourd’hui \(Money.format(s.budget.requested)) au titre de la phase 2 de l’AMI.",
                             "Cette aide ne financerait pas des investissements mais ce qui manque le plus : du temps d’animation, pour faire vivre la coopération, accueillir de nouveaux membres et porter les projets collectifs jusqu’à leur réalisation.")
        },
    ]

    // MARK: - Coopération et gouvernance

    static let cooperation: [Paragraph] = [
        { s, rng in
            let seats = max(6, min(18, s.members.count - rng.int(0...3)))
            switch s.form {
            case .association:
                return sentences(s.place.department.hasLocalAssociationLaw ? "L’association relève du droit local d’Alsace-Moselle." : nil,
                                 "La gouvernance repose sur une association organisée en trois collèges : entreprises de l’ESS, entreprises hors ESS, partenaires publics et associatifs.",
                                 "Le conseil d’administration compte \(Phrase.count(seats, "siège", "sièges")) répartis de sorte qu’aucun collège ne puisse décider seul.",
                                 "Les décisions importantes sont prises au consentement, après un temps d’échange en bureau élargi.")
            case .scicSAS, .scicSA:
                let colleges = Array(["salariés", "entreprises partenaires", "collectivités", "usagers", "bénévoles"].prefix(rng.int(4...5)))
                return sentences("Le choix de la société coopérative d’intérêt collectif s’est imposé pour associer au capital et aux décisions toutes les parties prenantes.",
                                 "Le sociétariat est organisé en \(Phrase.count(colleges.count, "collège", "collèges")) (\(Phrase.list(colleges))), chacun disposant d’une part fixe des voix en assemblée générale.",
                                 "Les collectivités détiennent ensemble moins de la moitié du capital, comme la loi l’exige.")
            case .sasCooperative:
                return sentences("La SAS coopérative réunit les entreprises membres comme associées.",
                                 "Les statuts prévoient une voix par associé quel que soit le capital détenu, et un comité stratégique où siègent aussi, avec voix consultative, les collectivités et les organismes de formation.",
                                 "Le comité stratégique compte \(Phrase.count(seats, "membre", "membres")) et se réunit avant chaque assemblée.")
            case .gip:
                return sentences("Le groupement d’intérêt public associe des personnes publiques et privées autour d’une convention constitutive qui fixe les droits de chacun.",
                                 "L’assemblée générale réunit tous les membres deux fois par an ; un conseil d’administration de \(Phrase.count(seats, "membre", "membres")) suit la mise en œuvre du programme, avec une présidence qui alterne entre collège public et collège privé.")
            }
        },
        { _, rng in
            sentences("Une charte de coopération, signée par chaque nouveau membre, précise les engagements réciproques : partage de l’information, participation à au moins deux commissions par an, recours prioritaire aux compétences des autres membres.",
                      "Le comité de pilotage se réunit \(rng.pick(["tous les mois", "toutes les six semaines", "chaque trimestre"])) ; des commissions thématiques préparent ses décisions et rendent compte de leurs travaux.")
        },
        { s, rng in
            if rng.chance(0.5) {
                return sentences("La coopération se traduit par des réalisations concrètes.",
                                 "Pour mettre en place \(s.activities[2]), deux membres aux métiers très différents (\(Phrase.list([s.essExample, s.partnerExample]))) ont associé leurs savoir-faire : l’un apporte ses équipes et son expérience de l’accompagnement, l’autre ses compétences techniques et son réseau de clients.",
                                 "Ce type d’alliance, rare avant la création du pôle, est devenu sa marque de fabrique.")
            }
            let authority = s.authorityExample.map { "locaux mis à disposition par une collectivité (\($0)), " } ?? ""
            return sentences("Un exemple illustre la manière dont le pôle travaille.",
                             "Lorsque les membres ont décidé de créer \(s.activities[2]), chacun a contribué selon ses moyens : \(authority)encadrement technique par un membre du collège des entreprises (\(s.partnerExample)), recrutement et accompagnement des salariés par une structure de l’ESS (\(s.essExample)).",
                             "Aucun d’eux n’aurait pu porter seul le projet.")
        },
        { s, rng in
            if let authority = s.authorityExample, rng.chance(0.5) {
                return sentences("La relation avec les collectivités est étroite sans être exclusive.",
                                 "Une collectivité membre (\(authority)) a soutenu le pôle dès ses débuts, par une subvention de fonctionnement puis par la mise à disposition de locaux ; elle participe au comité de pilotage mais a toujours laissé la présidence aux acteurs économiques.")
            }
            return sentences("Les collectivités siègent dans les instances sans en assurer la présidence : les élus ont souhaité que le pôle reste une initiative des acteurs économiques.",
                             "Leur présence garantit la cohérence avec les politiques locales (plan climat, projet alimentaire territorial, schéma de développement économique) et facilite la mobilisation des services techniques.")
        },
        { s, rng in
            sentences("La coopération n’a pas toujours été simple.",
                      "En \(rng.int(s.created + 1...max(s.created + 1, (s.phase1 ?? 2022) - 1))), le départ d’un membre fondateur a obligé le pôle à revoir la répartition des rôles ; il en a tiré la décision de confier l’animation à une personne salariée plutôt qu’au seul bénévolat des dirigeants.",
                      "Les éventuels conflits d’intérêts, par exemple lorsque deux membres répondent au même appel d’offres, sont désormais traités par un comité d’éthique de trois personnes.")
        },
        { s, rng in
            let founders = s.founders
            let others = s.members.map(\.name).filter { !founders.contains($0) }
            let newcomers = others.count >= 3 ? rng.sample(others, rng.int(2...3)) : []
            return sentences("Le pôle reste ouvert : toute structure qui partage ses objectifs peut demander à le rejoindre, après une période d’observation de six mois au cours de laquelle elle participe aux commissions.",
                             newcomers.isEmpty ? "Plusieurs structures ont engagé cette démarche et devraient rejoindre le pôle en 2024."
                                 : "\(Phrase.capitalized(Phrase.count(newcomers.count + rng.int(0...4), "nouveau membre a", "nouveaux membres ont"))) ainsi été accueillis depuis \(s.phase1 ?? s.created + 2) (\(Phrase.list(newcomers))).")
        },
        { _, rng in
            sentences("Pour que la coopération ne se limite pas aux dirigeants, le pôle a ouvert un espace numérique partagé où sont déposés comptes rendus, tableaux de bord et offres d’emploi des membres.",
                      "Une lettre d’information mensuelle est diffusée à près de \(rng.int(3...18) * 50) contacts, et une journée annuelle réunit l’ensemble des salariés des structures membres.")
        },
    ]

    // MARK: - Modèle économique

    static let economicModel: [Paragraph] = [
        { s, _ in
            let budget = s.budget
            let lines = budget.cofinancing.map { "\($0.source) (\(Money.format($0.amount)))" }
            return sentences("Le budget prévisionnel du programme 2024-2025 s’élève à \(Money.format(budget.total)).",
                             "L’aide sollicitée au titre de l’AMI, \(Money.format(budget.requested)), en représente \(Phrase.percent(budget.requested, of: budget.total)).",
                             "Le solde est apporté par les cofinancements suivants : \(Phrase.list(lines)).",
                             "La part d’autofinancement atteint ainsi \(Phrase.percent(s.selfFinancing, of: budget.total)) du budget.")
        },
        { s, rng in
            if rng.chance(0.5) {
                return sentences("Le pôle dispose de trois sources de recettes propres : les cotisations des membres, modulées selon leur taille (de 50 € pour une association sans salarié à 1 500 € pour une entreprise de plus de cinquante salariés), la facturation de prestations mutualisées aux membres et aux partenaires, et une participation sur le chiffre d’affaires des activités créées en commun.")
            }
            return sentences("Les ressources propres proviennent d’abord des services mutualisés, facturés aux membres à prix coûtant : \(Phrase.list(Array(s.pooled.prefix(2)))) sont ainsi financés par ceux qui les utilisent.",
                             "S’y ajoutent les cotisations, fixées en assemblée générale, et les prestations vendues à des clients extérieurs, collectivités et entreprises.")
        },
        { s, rng in
            let now = Int((100 * Double(s.selfFinancing) / Double(s.budget.total)).rounded())
            return sentences("L’objectif est de porter la part des ressources propres de \(now) % aujourd’hui à \(now + rng.int(8...15)) % à la fin de 2025, puis de financer la fonction d’animation sans aide de l’État à partir de 2026.",
                             "Cette trajectoire repose sur des hypothèses prudentes : elle ne suppose ni nouvelle subvention pérenne, ni croissance exceptionnelle des activités.")
        },
        { _, _ in
            sentences("Le principal risque tient à la dépendance aux financements publics, dont le calendrier de versement fragilise la trésorerie.",
                      "Pour le réduire, le pôle a constitué un fonds de réserve équivalent à trois mois de charges et diversifié ses financeurs.",
                      "Un second risque, le départ de la personne chargée de l’animation, est pris en compte par la documentation des procédures et le partage des contacts entre plusieurs membres.")
        },
        { s, rng in
            let staff = rng.int(55...68), running = rng.int(10...15), studies = rng.int(6...12)
            let seed = 100 - staff - running - studies
            let travel = s.place.territory == .rural || s.region.isOverseas
                ? "Les frais de déplacement pèsent plus qu’ailleurs, en raison des distances à parcourir entre les sites des membres." : nil
            return sentences("Les dépenses se répartissent entre la masse salariale de l’équipe d’animation (\(staff) %), les frais de fonctionnement et de déplacement (\(running) %), les études et l’accompagnement extérieur (\(studies) %) et un budget d’amorçage des projets collectifs (\(seed) %).",
                             travel)
        },
        { s, rng in
            sentences("La mutualisation produit déjà des économies mesurables.",
                      "\(Phrase.capitalized(Phrase.list(Array(s.pooled.prefix(2))))), partagés entre les membres, leur évitent des dépenses estimées à \(Money.format(rng.int(8...45) * 1_000)) par an, sans compter le temps gagné sur les tâches administratives.")
        },
    ]

    // MARK: - Programme d’animation

    static let animation: [Paragraph] = [
        { s, _ in
            sentences("Le soutien de l’État financera d’abord la fonction d’animation : \(s.coordinator), \(s.coordinatorTitle) du pôle depuis \(s.coordinatorSince), passera à temps plein.",
                      "Sa mission est d’animer la coopération entre les membres, de suivre les projets collectifs et de représenter le pôle auprès des partenaires.",
                      "Le programme se décline en trois axes : consolider les activités existantes, développer de nouveaux projets communs et structurer la mutualisation.")
        },
        { s, _ in
            sentences("Au premier semestre 2024, l’équipe consolidera \(s.activities[0]) et préparera le projet suivant : \(s.activities[3]).",
                      "Les premiers mois seront aussi consacrés à la mise à jour du diagnostic territorial, conduite avec les collectivités membres, et à l’accueil des nouveaux adhérents.",
                      "Au second semestre, les commissions thématiques arrêteront la feuille de route des projets collectifs pour 2025.")
        },
        { s, _ in
            sentences("En 2025, l’effort portera sur le développement de nouvelles activités, en particulier \(s.activities[4]).",
                      "Un séminaire annuel réunira l’ensemble des membres pour faire le bilan de la première année et ajuster le programme.",
                      "La fin de l’année sera consacrée à la préparation de l’après-AMI : consolidation du modèle économique et recherche de nouveaux partenaires.")
        },
        { s, _ in
            sentences("Le suivi s’appuiera sur un tableau de bord partagé, mis à jour chaque trimestre et présenté au comité de pilotage.",
                      "Il comprendra une dizaine d’indicateurs : projets collectifs engagés, emplois créés ou consolidés, chiffre d’affaires des activités mutualisées, nouveaux membres, participation aux instances et résultat phare de la filière (\(s.sector.result(s.size)) en 2022).")
        },
        { _, _ in
            sentences("Pour que la coopération irrigue les équipes et pas seulement les dirigeants, le programme prévoit des rencontres trimestrielles ouvertes aux salariés des structures membres, des visites croisées entre entreprises et deux journées de formation par an sur des sujets communs (achats responsables, gestion des ressources humaines, réponse aux marchés publics).")
        },
        { _, _ in
            sentences("Le pôle s’appuiera sur les ressources existantes plutôt que de les dupliquer : le dispositif local d’accompagnement pour l’étude de son modèle économique, la chambre régionale de l’ESS pour la formation des administrateurs, et les réseaux nationaux de PTCE pour l’échange de pratiques avec d’autres pôles.")
        },
    ]

    // MARK: - Impact

    static let impact: [Paragraph] = [
        { s, _ in
            let created = max(2, Int((s.jobs * 0.15).rounded())), consolidated = max(3, Int((s.jobs * 0.25).rounded()))
            return sentences("Le pôle contribue directement à l’emploi local : ses membres représentent \(Decimal2.format(s.jobs, digits: 1)) emplois en équivalent temps plein, dont une part importante occupée par des personnes qui en étaient éloignées.",
                             "Ces emplois sont, par nature, non délocalisables : ils répondent à des besoins du territoire et s’appuient sur ses ressources.",
                             "Sur la durée du programme, le pôle vise la création de \(Phrase.count(created, "emploi supplémentaire", "emplois supplémentaires")) et la consolidation de \(Phrase.count(consolidated, "autre", "autres")).")
        },
        { s, _ in
            sentences("Sur le plan environnemental, le bilan 2022 fait état de \(s.sector.result(s.size)).",
                      "Les membres se sont par ailleurs engagés à réduire leurs propres consommations : achats groupés de fournitures responsables, covoiturage entre sites, suivi des consommations d’énergie des locaux partagés.")
        },
        { s, rng in
            sentences("Les activités du pôle s’adressent en priorité aux \(s.sector.beneficiaries).",
                      "Une attention particulière est portée à l’accessibilité des services : tarifs adaptés, permanences au plus près des habitants, accompagnement individuel lorsque c’est nécessaire.",
                      "Les structures membres accueillent chaque année \(Phrase.count(max(3, Int(s.jobs * rng.double(0.3...0.8))), "salarié", "salariés")) en parcours d’insertion, dont plus de la moitié trouvent ensuite un emploi ou une formation.")
        },
        { _, _ in
            sentences("Au-delà des chiffres, le pôle a changé la manière dont les acteurs du territoire travaillent ensemble.",
                      "Des entreprises qui ne se connaissaient pas partagent aujourd’hui des locaux, des équipements et des clients ; les collectivités disposent d’un interlocuteur unique pour leurs projets dans ce domaine ; les habitants voient émerger des services qui n’existaient pas.")
        },
        { s, _ in
            let evaluator = s.names(.recherche).first.map { "avec un laboratoire universitaire membre (\($0))" }
                ?? "avec l’appui d’un cabinet spécialisé financé par le dispositif local d’accompagnement"
            return sentences("Pour objectiver cet impact, le pôle a engagé une démarche d’évaluation \(evaluator).",
                             "Elle combine des indicateurs quantitatifs et des entretiens avec les bénéficiaires, les salariés et les partenaires ; ses premiers résultats seront présentés à l’assemblée générale de 2024.")
        },
    ]

    // MARK: - Changement d’échelle

    static let scaling: [Paragraph] = [
        { s, _ in
            sentences("Le changement d’échelle que vise le pôle passe par trois chantiers : \(Phrase.list(s.scaling)).",
                      s.phase1 == nil ? "Ils prolongent les travaux engagés depuis la création du pôle et ont été validés par l’assemblée générale de 2023."
                          : "Ils prolongent les travaux engagés pendant la phase 1 et ont été validés par l’assemblée générale de 2023.")
        },
        { _, _ in
            sentences("Le pôle n’entend pas grandir à tout prix.",
                      "Plusieurs intercommunalités voisines ont manifesté leur intérêt ; plutôt que d’étendre mécaniquement son périmètre, il propose de les accompagner dans la construction de leur propre coopération, en partageant ses outils, ses statuts types et son expérience.",
                      "Cet essaimage sera formalisé par une convention et suivi par le comité de pilotage.")
        },
        { s, rng in
            let trades = rng.sample(s.sector.trades, 3).map(Phrase.lowercasedFirst)
            return sentences("De nouvelles entreprises ont fait part de leur souhait de rejoindre le pôle, en particulier dans les métiers suivants : \(Phrase.list(trades)).",
                             "Leur arrivée renforcera le collège des entreprises hors ESS, encore minoritaire, et ouvrira de nouveaux débouchés aux activités communes.")
        },
        { _, _ in
            sentences("À l’issue des deux années de soutien, le pôle doit être en mesure de financer lui-même son animation.",
                      "C’est l’objet du travail engagé sur le modèle économique : montée en charge des services mutualisés, contribution des collectivités par des conventions pluriannuelles, et prestations vendues à d’autres territoires.")
        },
        { s, rng in
            sentences(rng.pick(s.sector.innovations),
                      "Cette expérimentation sera évaluée pendant le programme ; si elle est concluante, le pôle la documentera pour la proposer à d’autres PTCE.")
        },
    ]
}
