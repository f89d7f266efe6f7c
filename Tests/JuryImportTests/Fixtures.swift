import Foundation
import JuryCore
import JuryStore
import XCTest

/// Exports written by hand in the shapes Démarches Simplifiées produces, with the labels of the
/// PTCE mapping shipped in data/import/mapping-ptce.json.
enum DS {
    /// First page of `demarche(number: 78542) { dossiers(first: 1) { … } }`: a cooperative in Nantes.
    static let page1 = #"""
    {
      "data": {
        "demarche": {
          "id": "UHJvY2VkdXJlLTc4NTQy",
          "number": 78542,
          "title": "AMI PTCE 2023 – phase 2",
          "dossiers": {
            "pageInfo": {"hasPreviousPage": false, "hasNextPage": true, "startCursor": "MQ", "endCursor": "MQ"},
            "nodes": [
              {
                "__typename": "Dossier",
                "id": "RG9zc2llci0xMDE=",
                "number": 101,
                "archived": false,
                "state": "en_instruction",
                "dateDerniereModification": "2023-08-02T09:00:00+02:00",
                "dateDepot": "2023-07-28T10:15:32+02:00",
                "datePassageEnConstruction": "2023-07-28T10:15:32+02:00",
                "datePassageEnInstruction": "2023-08-01T14:00:00+02:00",
                "dateTraitement": null,
                "motivation": null,
                "usager": {"email": "contact@pole-bocage.example"},
                "groupeInstructeur": {"id": "R3JvdXBlLTE=", "number": 1, "label": "Pays de la Loire"},
                "demandeur": {
                  "__typename": "PersonneMorale",
                  "id": "RXRhYmxpc3NlbWVudC0x",
                  "siret": "12345678900012",
                  "siegeSocial": true,
                  "naf": "8899B",
                  "libelleNaf": "Action sociale sans hébergement n.c.a.",
                  "address": {
                    "label": "12 rue des Tanneurs 44000 Nantes",
                    "type": "housenumber",
                    "streetAddress": "12 rue des Tanneurs",
                    "streetNumber": "12",
                    "streetName": "rue des Tanneurs",
                    "postalCode": "44000",
                    "cityName": "Nantes",
                    "cityCode": "44109",
                    "departmentName": "Loire-Atlantique",
                    "departmentCode": "44",
                    "regionName": "Pays de la Loire",
                    "regionCode": "52"
                  },
                  "entreprise": {
                    "siren": "123456789",
                    "raisonSociale": "SCIC BOCAGE SOLIDAIRE",
                    "formeJuridique": "Société coopérative d'intérêt collectif par actions simplifiée",
                    "formeJuridiqueCode": "5560",
                    "nomCommercial": ""
                  },
                  "association": null
                },
                "champs": [
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwMQ==", "label": "Nom du PTCE",
                   "stringValue": "Pôle Bocage Solidaire", "value": "Pôle Bocage Solidaire"},
                  {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAwMg==", "label": "Filière principale du PTCE",
                   "stringValue": "Réemploi et économie circulaire", "value": "Réemploi et économie circulaire"},
                  {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAwMw==", "label": "Type de territoire",
                   "stringValue": "Mixte (urbain et rural)", "value": "Mixte (urbain et rural)"},
                  {"__typename": "IntegerNumberChamp", "id": "Q2hhbXAtMTAwNA==", "label": "Année de création du PTCE",
                   "stringValue": "2016", "integerNumber": "2016"},
                  {"__typename": "YesNoChamp", "id": "Q2hhbXAtMTAwNQ==", "label": "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?",
                   "stringValue": "Oui", "selected": true},
                  {"__typename": "DateChamp", "id": "Q2hhbXAtMTAwNg==", "label": "Année de désignation comme lauréat de la phase 1",
                   "stringValue": "15 novembre 2021", "date": "2021-11-15"},
                  {"__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMTAwNw==", "label": "Emplois portés par le pôle (ETP)",
                   "stringValue": "12.5", "decimalNumber": 12.5},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwOA==", "label": "Budget total du programme sur deux ans",
                   "stringValue": "250 000 €", "value": "250 000 €"},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwOQ==", "label": "Montant de la subvention demandée à l’État",
                   "stringValue": "100 000 €", "value": "100 000 €"},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxMA==", "label": "Présentation du PTCE et de son projet",
                   "stringValue": "Le pôle relie 14 structures du bocage.\nIl anime une ressourcerie.\u001b[31m\u202E",
                   "value": "Le pôle relie 14 structures du bocage.\nIl anime une ressourcerie.\u001b[31m\u202E"},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxMQ==", "label": "Historique de la coopération entre les membres",
                   "stringValue": "Depuis 2016, achats groupés.", "value": "Depuis 2016, achats groupés."},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxMg==", "label": "Gouvernance du PTCE",
                   "stringValue": "Un collège par catégorie de membres.", "value": "Un collège par catégorie de membres."},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxMw==", "label": "Modèle économique et autofinancement",
                   "stringValue": "Cotisations et prestations.", "value": "Cotisations et prestations."},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxNA==", "label": "Programme d’animation financé",
                   "stringValue": "Un animateur à temps plein.", "value": "Un animateur à temps plein."},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxNQ==", "label": "Impact économique, social et environnemental",
                   "stringValue": "40 emplois locaux.", "value": "40 emplois locaux."},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxNg==", "label": "Perspectives de changement d’échelle",
                   "stringValue": "Essaimer dans deux cantons.", "value": "Essaimer dans deux cantons."},
                  {"__typename": "MultipleDropDownListChamp", "id": "Q2hhbXAtMTAxNw==", "label": "Thématiques du PTCE",
                   "stringValue": "Alimentation, Mobilité", "values": ["Alimentation", "Mobilité"]},
                  {"__typename": "RepetitionChamp", "id": "Q2hhbXAtMTAxOA==", "label": "Membres du PTCE", "stringValue": "",
                   "rows": [
                     {"id": "Um93LTE=", "champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre",
                        "stringValue": "Ressourcerie du Bocage", "value": "Ressourcerie du Bocage"},
                       {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                        "stringValue": "Entreprise de l’ESS", "value": "Entreprise de l’ESS"},
                       {"__typename": "SiretChamp", "id": "Q2hhbXAtMTAyMQ==", "label": "SIRET du membre",
                        "stringValue": "11122233300014"},
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAyMg==", "label": "Rôle dans le pôle",
                        "stringValue": "Pilote", "value": "Pilote"}
                     ]},
                     {"id": "Um93LTI=", "champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre",
                        "stringValue": "Garage Martin SARL", "value": "Garage Martin SARL"},
                       {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                        "stringValue": "Entreprise hors ESS", "value": "Entreprise hors ESS"},
                       {"__typename": "SiretChamp", "id": "Q2hhbXAtMTAyMQ==", "label": "SIRET du membre", "stringValue": ""},
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAyMg==", "label": "Rôle dans le pôle",
                        "stringValue": "Réparations", "value": "Réparations"}
                     ]},
                     {"id": "Um93LTM=", "champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre",
                        "stringValue": "Commune de Clisson", "value": "Commune de Clisson"},
                       {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                        "stringValue": "Collectivité territoriale", "value": "Collectivité territoriale"},
                       {"__typename": "SiretChamp", "id": "Q2hhbXAtMTAyMQ==", "label": "SIRET du membre", "stringValue": ""},
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAyMg==", "label": "Rôle dans le pôle",
                        "stringValue": "", "value": null}
                     ]}
                   ]},
                  {"__typename": "RepetitionChamp", "id": "Q2hhbXAtMTAyMw==", "label": "Cofinancements prévus", "stringValue": "",
                   "rows": [
                     {"id": "Um93LTQ=", "champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAyNA==", "label": "Financeur",
                        "stringValue": "Région Pays de la Loire", "value": "Région Pays de la Loire"},
                       {"__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMTAyNQ==", "label": "Montant (€)",
                        "stringValue": "50000", "decimalNumber": 50000}
                     ]},
                     {"id": "Um93LTU=", "champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAyNA==", "label": "Financeur",
                        "stringValue": "Département de Loire-Atlantique", "value": "Département de Loire-Atlantique"},
                       {"__typename": "IntegerNumberChamp", "id": "Q2hhbXAtMTAyNQ==", "label": "Montant (€)",
                        "stringValue": "30000", "integerNumber": "30000"}
                     ]}
                   ]},
                  {"__typename": "PieceJustificativeChamp", "id": "Q2hhbXAtMTAyNg==", "label": "Statuts de la structure porteuse",
                   "stringValue": "statuts-scic.pdf",
                   "files": [{"filename": "statuts-scic.pdf", "contentType": "application/pdf", "byteSize": 245760,
                              "checksum": "rT3SnG8IK3ZD0Bq1U2lBpw==", "url": "https://static.demarches-simplifiees.fr/statuts-scic.pdf"}]},
                  {"__typename": "PieceJustificativeChamp", "id": "Q2hhbXAtMTAyNw==", "label": "Budget prévisionnel détaillé",
                   "stringValue": "budget.xlsx",
                   "files": [{"filename": "budget.xlsx", "contentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              "byteSize": 48213, "checksum": "b3Vp", "url": "https://static.demarches-simplifiees.fr/budget.xlsx"}]},
                  {"__typename": "PieceJustificativeChamp", "id": "Q2hhbXAtMTAyOA==", "label": "Lettres d’engagement des membres",
                   "stringValue": "",
                   "files": []},
                  {"__typename": "CheckboxChamp", "id": "Q2hhbXAtMTAyOQ==",
                   "label": "J’atteste sur l’honneur l’exactitude des informations fournies", "stringValue": "true", "checked": true}
                ],
                "annotations": [
                  {"__typename": "TextChamp", "id": "Q2hhbXAtOTAwMQ==", "label": "Avis de la cellule régionale",
                   "stringValue": "Dossier solide.", "value": "Dossier solide."}
                ],
                "avis": [
                  {"id": "QXZpcy0x", "question": "Pouvez-vous donner votre avis sur la gouvernance ?", "reponse": "Favorable.",
                   "dateQuestion": "2023-08-03T10:00:00+02:00", "dateReponse": "2023-08-10T16:30:00+02:00",
                   "claimant": {"email": "instructeur@economie.example"}, "expert": {"email": "expert@dreets.example"}}
                ]
              }
            ]
          }
        }
      }
    }
    """#

    /// Second and last page: an association in La Réunion, not a phase-1 laureate, with a member
    /// category the mapping does not know and a budget nobody can read.
    static let page2 = #"""
    {
      "data": {
        "demarche": {
          "number": 78542,
          "dossiers": {
            "pageInfo": {"hasNextPage": false, "endCursor": "Mg"},
            "nodes": [
              {
                "__typename": "Dossier",
                "number": 102,
                "state": "en_construction",
                "archived": false,
                "dateDepot": "2023-07-31T11:58:00+02:00",
                "usager": {"email": "ptce@reunion.example"},
                "demandeur": {
                  "__typename": "PersonneMorale",
                  "siret": "98765432100017",
                  "address": {"cityName": "Saint-Denis", "cityCode": "97411", "postalCode": "97400",
                              "departmentName": "La Réunion", "departmentCode": "974", "regionName": "La Réunion", "regionCode": "04"},
                  "entreprise": {"raisonSociale": "", "formeJuridique": "Association déclarée"},
                  "association": {"rna": "W9R4000123", "titre": "ASSOCIATION PTCE LAGON", "objet": "Coopération économique"}
                },
                "champs": [
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwMQ==", "label": "Nom du PTCE", "stringValue": "PTCE Lagon"},
                  {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAwMg==", "label": "Filière principale du PTCE",
                   "stringValue": "Alimentation durable"},
                  {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAwMw==", "label": "Type de territoire", "stringValue": "Urbain"},
                  {"__typename": "IntegerNumberChamp", "id": "Q2hhbXAtMTAwNA==", "label": "Année de création du PTCE",
                   "stringValue": "2019", "integerNumber": "2019"},
                  {"__typename": "YesNoChamp", "id": "Q2hhbXAtMTAwNQ==", "label": "Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?",
                   "stringValue": "Non", "selected": false},
                  {"__typename": "DateChamp", "id": "Q2hhbXAtMTAwNg==", "label": "Année de désignation comme lauréat de la phase 1",
                   "stringValue": "", "date": null},
                  {"__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMTAwNw==", "label": "Emplois portés par le pôle (ETP)",
                   "stringValue": "3", "decimalNumber": 3},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwOA==", "label": "Budget total du programme sur deux ans",
                   "stringValue": "environ 300 k€"},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwOQ==", "label": "Montant de la subvention demandée à l’État",
                   "stringValue": "99999,50"},
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxMA==", "label": "Présentation du PTCE et de son projet",
                   "stringValue": "Circuits courts sur l’île."},
                  {"__typename": "RepetitionChamp", "id": "Q2hhbXAtMTAxOA==", "label": "Membres du PTCE", "stringValue": "",
                   "rows": [
                     {"champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre", "stringValue": "Coopérative Péi"},
                       {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                        "stringValue": "Entreprise de l'ESS"},
                       {"__typename": "SiretChamp", "id": "Q2hhbXAtMTAyMQ==", "label": "SIRET du membre", "stringValue": ""}
                     ]},
                     {"champs": [
                       {"__typename": "TextChamp", "id": "Q2hhbXAtMTAxOQ==", "label": "Nom de la structure membre", "stringValue": "Fondation Océan"},
                       {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMTAyMA==", "label": "Catégorie de membre",
                        "stringValue": "Fondation"},
                       {"__typename": "SiretChamp", "id": "Q2hhbXAtMTAyMQ==", "label": "SIRET du membre", "stringValue": ""}
                     ]}
                   ]},
                  {"__typename": "RepetitionChamp", "id": "Q2hhbXAtMTAyMw==", "label": "Cofinancements prévus", "stringValue": "",
                   "rows": []}
                ],
                "annotations": [],
                "avis": []
              },
              {
                "__typename": "Dossier",
                "number": 103,
                "state": "accepte",
                "dateDepot": "2023-07-20T09:00:00+02:00",
                "demandeur": {
                  "__typename": "PersonneMorale",
                  "siret": "55566677700018",
                  "address": {"cityName": "Lyon", "cityCode": "69123", "departmentName": "Rhône", "departmentCode": "69",
                              "regionName": "Auvergne-Rhône-Alpes", "regionCode": "84"},
                  "entreprise": {"raisonSociale": "SAS LES ATELIERS", "formeJuridique": "SAS, société par actions simplifiée"},
                  "association": null
                },
                "champs": [
                  {"__typename": "TextChamp", "id": "Q2hhbXAtMTAwMQ==", "label": "Nom du PTCE", "stringValue": "Ateliers du Rhône"},
                  {"__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMTAwNw==", "label": "Emplois portés par le pôle (ETP)",
                   "stringValue": "7.25", "decimalNumber": 7.25}
                ],
                "annotations": [],
                "avis": []
              }
            ]
          }
        }
      }
    }
    """#

    /// The instructors' CSV export of the same form, applicant columns of a legal entity included.
    static let csv = """
    ID,Email,Établissement SIRET,Établissement siège social,Établissement NAF,Établissement libellé NAF,Établissement Adresse,Établissement code postal,Établissement localité,Établissement code INSEE localité,Entreprise SIREN,Entreprise forme juridique,Entreprise raison sociale,Association RNA,Association titre,Archivé,État du dossier,Dernière mise à jour le,Déposé le,Passé en instruction le,Traité le,Motivation de la décision,Instructeurs,Groupe instructeur,Nom du PTCE,Filière principale du PTCE,Type de territoire,Année de création du PTCE,Le PTCE a-t-il été lauréat de la phase 1 de l’AMI ?,Année de désignation comme lauréat de la phase 1,Emplois portés par le pôle (ETP),Budget total du programme sur deux ans,Montant de la subvention demandée à l’État,Présentation du PTCE et de son projet,Historique de la coopération entre les membres,Gouvernance du PTCE,Statuts de la structure porteuse,Thématiques du PTCE
    201,contact@pole-bocage.example,12345678900012,true,8899B,Action sociale sans hébergement n.c.a.,"12 rue des Tanneurs
    44000 Nantes",44000,Nantes,44109,123456789,Société coopérative d'intérêt collectif par actions simplifiée,SCIC BOCAGE SOLIDAIRE,,,Non,En instruction,2023-08-02 09:00:00 +0200,2023-07-28 10:15:32 +0200,2023-08-01 14:00:00 +0200,,,instructeur@economie.example,Pays de la Loire,Pôle Bocage Solidaire,Réemploi et économie circulaire,Mixte (urbain et rural),2016,Oui,2021,"12,5",250 000 €,100 000 €,"Le pôle relie 14 structures du bocage, depuis 2016.
    Il anime une ressourcerie.",Depuis 2016,"Un collège par catégorie de membres, dont les collectivités.",statuts-scic.pdf,"Alimentation, Mobilité"
    202,ptce@reunion.example,98765432100017,true,9499Z,Autres organisations fonctionnant par adhésion volontaire,1 rue de Paris 97400 Saint-Denis,97400,Saint-Denis,97411,987654321,Association déclarée,,W9R4000123,ASSOCIATION PTCE LAGON,Non,Classé sans suite,2023-09-01 10:00:00 +0200,31/07/2023 11:58,,2023-09-01 10:00:00 +0200,Dossier retiré par le porteur.,,La Réunion,PTCE Lagon,Alimentation durable,Urbain,2019,Non,,3,1 500 000,"99999,50",Circuits courts sur l’île.,,,,
    """

    /// The members block, saved from the spreadsheet's block sheet as CSV.
    static let membersCSV = """
    Dossier ID,Ligne,Nom de la structure membre,Catégorie de membre,SIRET du membre,Rôle dans le pôle
    201,2,Garage Martin SARL,Entreprise hors ESS,,Réparations
    201,1,Ressourcerie du Bocage,Entreprise de l’ESS,11122233300014,Pilote
    201,3,Commune de Clisson,Collectivité territoriale,,
    202,1,Coopérative Péi,Entreprise de l'ESS,,
    """
}

extension XCTestCase {
    /// A fresh directory, removed when the test ends.
    func scratchDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "jury-import-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Writes `text` (its common indentation removed by the literal) to `name` in `directory`.
    @discardableResult
    func file(_ name: String, _ text: String, in directory: URL) -> URL {
        let url = directory.appending(path: name)
        try! Data(text.utf8).write(to: url)
        return url
    }

    /// A new, empty PTCE campaign chaired by « presidente », with one reviewer « alice ».
    func emptyCampaign(in directory: URL) throws -> URL {
        let root = directory.appending(path: "campagne")
        try CampaignStore.create(at: root, campaign: .ptceDefaults(),
                                 jury: Jury(members: [JuryMember(login: "presidente", name: "Claire Martin", role: .chair),
                                                      JuryMember(login: "alice", name: "Alice Durand", role: .reviewer)]),
                                 dossiers: [], sheets: [])
        return root
    }

    /// Every file under `root` with its bytes: two snapshots are equal when nothing was written.
    func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { files[url.path] = data }
        }
        return files
    }
}
