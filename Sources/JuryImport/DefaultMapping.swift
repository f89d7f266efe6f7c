/// The mapping of the AMI PTCE form, embedded so that the binary needs no file beside it. It is
/// data/import/mapping-ptce.json, word for word (a test checks it): edit both together.
enum DefaultMapping {
    static let json = #"""
{
  "schemaVersion": 1,
  "title": "AMI PTCE, phase 2 : formulaire Démarches Simplifiées",
  "champs": {
    "name": {"label": "Nom du PTCE"},
    "sector": {"label": "Filière principale du PTCE"},
    "territory": {"label": "Type de territoire"},
    "creationYear": {"label": "Année de création du PTCE"},
    "phase1Laureate": {"label": "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?"},
    "phase1Year": {"label": "Année de désignation comme lauréat de la phase 1"},
    "jobs": {"label": "Emplois portés par le pôle (ETP)"},
    "budgetTotal": {"label": "Budget total du programme sur deux ans"},
    "budgetRequested": {"label": "Montant de la subvention demandée à l’État"},
    "presentation": {"label": "Présentation du PTCE et de son projet"},
    "cooperation": [
      {"label": "Historique de la coopération entre les membres"},
      {"label": "Gouvernance du PTCE"}
    ],
    "economicModel": {"label": "Modèle économique et autofinancement"},
    "animation": {"label": "Programme d’animation financé"},
    "impact": {"label": "Impact économique, social et environnemental"},
    "scaling": {"label": "Perspectives de changement d’échelle"},
    "attachments": [
      {"label": "Statuts de la structure porteuse"},
      {"label": "Budget prévisionnel détaillé"},
      {"label": "Lettres d’engagement des membres"}
    ]
  },
  "members": {
    "block": {"label": "Membres du PTCE"},
    "name": {"label": "Nom de la structure membre"},
    "category": {"label": "Catégorie de membre"},
    "siret": {"label": "SIRET du membre"},
    "categories": {
      "Entreprise de l’ESS": "entreprise-ess",
      "Entreprise de l’économie sociale et solidaire": "entreprise-ess",
      "Entreprise hors ESS": "entreprise-hors-ess",
      "Entreprise commerciale (hors ESS)": "entreprise-hors-ess",
      "Collectivité territoriale": "collectivite",
      "Collectivité territoriale ou EPCI": "collectivite",
      "Recherche": "recherche",
      "Établissement de recherche": "recherche",
      "Formation": "formation",
      "Organisme de formation": "formation",
      "Établissement d’enseignement ou de formation": "formation",
      "Association": "association",
      "Autre": "autre"
    }
  },
  "cofinancing": {
    "block": {"label": "Cofinancements prévus"},
    "source": {"label": "Financeur"},
    "amount": {"label": "Montant (€)"}
  },
  "territories": {
    "Rural": "rural",
    "Urbain": "urbain",
    "Mixte": "mixte",
    "Mixte (urbain et rural)": "mixte"
  },
  "states": {
    "En construction": "en_construction",
    "En instruction": "en_instruction",
    "Accepté": "accepte",
    "Refusé": "refuse",
    "Classé sans suite": "sans_suite"
  },
  "ignore": [
    {"label": "Nom et prénom du référent"},
    {"label": "Courriel du référent"},
    {"label": "Téléphone du référent"},
    {"label": "J’atteste sur l’honneur l’exactitude des informations fournies"}
  ],
  "champTypes": {},
  "spreadsheet": {
    "dossiersSheet": "Dossiers",
    "blockDossierColumn": "Dossier ID",
    "blockRowColumn": "Ligne",
    "columns": {
      "number": "ID",
      "state": "État du dossier",
      "filedAt": "Déposé le",
      "siret": "Établissement SIRET",
      "raisonSociale": "Entreprise raison sociale",
      "legalForm": "Entreprise forme juridique",
      "rna": "Association RNA",
      "associationTitle": "Association titre",
      "commune": "Établissement localité",
      "communeCode": "Établissement code INSEE localité"
    },
    "otherColumns": [
      "Email", "FranceConnect ?",
      "Établissement siège social", "Établissement NAF", "Établissement libellé NAF", "Établissement Adresse",
      "Établissement numero voie", "Établissement type voie", "Établissement nom voie",
      "Établissement complément adresse", "Établissement code postal",
      "Entreprise SIREN", "Entreprise capital social", "Entreprise numero TVA intracommunautaire",
      "Entreprise forme juridique code", "Entreprise nom commercial", "Entreprise SIRET siège social",
      "Entreprise code effectif entreprise", "Entreprise date de création", "Entreprise état administratif",
      "Entreprise nom", "Entreprise prénom",
      "Association objet", "Association date de création", "Association date de déclaration",
      "Association date de publication",
      "Archivé", "Dernière mise à jour le", "Dernière mise à jour du dossier le", "Passé en instruction le",
      "Traité le", "Motivation de la décision", "Instructeurs", "Groupe instructeur"
    ]
  },
  "reading": {
    "yes": ["Oui", "true", "1", "X"],
    "no": ["Non", "false", "0"],
    "decimalSeparator": ",",
    "currency": ["€", "EUR", "euros", "euro"],
    "dateFormats": ["yyyy-MM-dd HH:mm:ss Z", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
                    "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "d MMMM yyyy"],
    "timeZone": "Europe/Paris"
  }
}
"""#
}
