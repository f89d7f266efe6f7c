import Foundation

/// One champ of every type that implements `Champ` in the platform's public GraphQL schema
/// (app/graphql/schema.graphql of demarches-simplifiees.fr, now demarche.numerique.gouv.fr), as an
/// answer gives it: the fields of data/import/dossiers.graphql, and the type's own fields that
/// richer queries ask for (the reader ignores them, and must not trip on them).
enum ChampTypes {
    /// How the import reads each type: `nil` for the form's layout, which holds no answer.
    enum Reading: Equatable { case text, number, bool, date, list, files, rows, layout }

    static let fixtures: [(type: String, reading: Reading, json: String)] = [
        ("AddressChamp", .text, #"""
        {"__typename": "AddressChamp", "id": "Q2hhbXAtMjAwMQ==", "label": "Adresse du siège", "stringValue": "12 rue des Tanneurs 44000 Nantes",
         "address": {"label": "12 rue des Tanneurs 44000 Nantes", "type": "housenumber", "streetAddress": "12 rue des Tanneurs",
                     "streetNumber": "12", "streetName": "rue des Tanneurs", "postalCode": "44000", "cityName": "Nantes", "cityCode": "44109",
                     "departmentName": "Loire-Atlantique", "departmentCode": "44", "regionName": "Pays de la Loire", "regionCode": "52",
                     "countryCode": "FR", "countryName": "France", "geometry": {"type": "Point", "coordinates": [-1.55, 47.21]}},
         "commune": {"name": "Nantes", "code": "44109", "postalCode": "44000"}, "departement": {"name": "Loire-Atlantique", "code": "44"}}
        """#),
        ("CarteChamp", .text, #"""
        {"__typename": "CarteChamp", "id": "Q2hhbXAtMjAwMg==", "label": "Emprise du projet", "stringValue": "Parcelle 44109000AB0012",
         "geoAreas": [{"__typename": "ParcelleCadastrale", "id": "R2VvQXJlYS0x", "source": "cadastre", "description": null,
                       "geometry": {"type": "Polygon", "coordinates": [[[-1.55, 47.21], [-1.54, 47.21], [-1.54, 47.22], [-1.55, 47.21]]]},
                       "commune": "44109", "section": "AB", "numero": "0012", "prefixe": "000", "surface": "1520"}]}
        """#),
        ("CheckboxChamp", .bool, #"""
        {"__typename": "CheckboxChamp", "id": "Q2hhbXAtMjAwMw==", "label": "Accord de diffusion", "stringValue": "true", "checked": true}
        """#),
        ("CiviliteChamp", .text, #"""
        {"__typename": "CiviliteChamp", "id": "Q2hhbXAtMjAwNA==", "label": "Civilité du référent", "stringValue": "Mme", "value": "Mme"}
        """#),
        ("CommuneChamp", .text, #"""
        {"__typename": "CommuneChamp", "id": "Q2hhbXAtMjAwNQ==", "label": "Commune principale", "stringValue": "Nantes (44000)",
         "commune": {"name": "Nantes", "code": "44109", "postalCode": "44000"}, "departement": {"name": "Loire-Atlantique", "code": "44"}}
        """#),
        ("DateChamp", .date, #"""
        {"__typename": "DateChamp", "id": "Q2hhbXAtMjAwNg==", "label": "Date de l’assemblée constitutive", "stringValue": "15 novembre 2021",
         "date": "2021-11-15", "value": "2021-11-15T00:00:00+01:00"}
        """#),
        ("DatetimeChamp", .date, #"""
        {"__typename": "DatetimeChamp", "id": "Q2hhbXAtMjAwNw==", "label": "Rendez-vous souhaité", "stringValue": "28 juillet 2023 10:15",
         "datetime": "2023-07-28T10:15:00+02:00"}
        """#),
        ("DecimalNumberChamp", .number, #"""
        {"__typename": "DecimalNumberChamp", "id": "Q2hhbXAtMjAwOA==", "label": "Surface (ha)", "stringValue": "12.5", "decimalNumber": 12.5}
        """#),
        ("DepartementChamp", .text, #"""
        {"__typename": "DepartementChamp", "id": "Q2hhbXAtMjAwOQ==", "label": "Département d’intervention", "stringValue": "44 – Loire-Atlantique",
         "departement": {"name": "Loire-Atlantique", "code": "44"}}
        """#),
        ("DossierLinkChamp", .text, #"""
        {"__typename": "DossierLinkChamp", "id": "Q2hhbXAtMjAxMA==", "label": "Dossier de la phase 1", "stringValue": "4242",
         "dossier": {"id": "RG9zc2llci00MjQy", "number": 4242, "state": "accepte"}}
        """#),
        ("DropDownListChamp", .text, #"""
        {"__typename": "DropDownListChamp", "id": "Q2hhbXAtMjAxMQ==", "label": "Statut", "stringValue": "SCIC", "value": "SCIC"}
        """#),
        ("EngagementJuridiqueChamp", .text, #"""
        {"__typename": "EngagementJuridiqueChamp", "id": "Q2hhbXAtMjAxMg==", "label": "Engagement juridique", "stringValue": "1300012345",
         "engagementJuridique": {"montantEngage": "100000", "montantPaye": "0"}}
        """#),
        ("EpciChamp", .text, #"""
        {"__typename": "EpciChamp", "id": "Q2hhbXAtMjAxMw==", "label": "EPCI", "stringValue": "Nantes Métropole",
         "epci": {"name": "Nantes Métropole", "code": "244400404"}, "departement": {"name": "Loire-Atlantique", "code": "44"}}
        """#),
        ("ExplicationChamp", .layout, #"""
        {"__typename": "ExplicationChamp", "id": "Q2hhbXAtMjAxNA==", "label": "Les montants s’entendent TTC.", "stringValue": null}
        """#),
        ("HeaderSectionChamp", .layout, #"""
        {"__typename": "HeaderSectionChamp", "id": "Q2hhbXAtMjAxNQ==", "label": "Budget du programme", "stringValue": null, "level": 1}
        """#),
        ("IntegerNumberChamp", .number, #"""
        {"__typename": "IntegerNumberChamp", "id": "Q2hhbXAtMjAxNg==", "label": "Nombre de bénévoles", "stringValue": "42", "integerNumber": "42"}
        """#),
        ("LinkedDropDownListChamp", .text, #"""
        {"__typename": "LinkedDropDownListChamp", "id": "Q2hhbXAtMjAxNw==", "label": "Filière et activité",
         "stringValue": "Réemploi / Ressourcerie", "primaryValue": "Réemploi", "secondaryValue": "Ressourcerie"}
        """#),
        ("MultipleDropDownListChamp", .list, #"""
        {"__typename": "MultipleDropDownListChamp", "id": "Q2hhbXAtMjAxOA==", "label": "Publics", "stringValue": "Jeunes, Seniors",
         "values": ["Jeunes", "Seniors"]}
        """#),
        ("PaysChamp", .text, #"""
        {"__typename": "PaysChamp", "id": "Q2hhbXAtMjAxOQ==", "label": "Pays", "stringValue": "France", "pays": {"name": "France", "code": "FR"}}
        """#),
        ("PieceJustificativeChamp", .files, #"""
        {"__typename": "PieceJustificativeChamp", "id": "Q2hhbXAtMjAyMA==", "label": "Rapport d’activité", "stringValue": "rapport.pdf",
         "nature": "NON_SPECIFIE",
         "files": [{"filename": "rapport.pdf", "contentType": "application/pdf", "byteSizeBigInt": "245760", "checksum": "rT3SnG8IK3ZD0Bq1U2lBpw==",
                    "createdAt": "2023-07-28T10:15:32+02:00", "url": "https://static.example/rapport.pdf", "virusScanResult": "safe"}]}
        """#),
        ("RNAChamp", .text, #"""
        {"__typename": "RNAChamp", "id": "Q2hhbXAtMjAyMQ==", "label": "Association membre", "stringValue": "W442000123",
         "rna": {"id": "W442000123", "title": "ASSOCIATION DU BOCAGE", "address": {"label": "1 place du Marché 44190 Clisson",
                 "type": "housenumber", "cityName": "Clisson", "cityCode": "44043", "postalCode": "44190"}},
         "commune": {"name": "Clisson", "code": "44043", "postalCode": "44190"}, "departement": {"name": "Loire-Atlantique", "code": "44"}}
        """#),
        ("RNFChamp", .text, #"""
        {"__typename": "RNFChamp", "id": "Q2hhbXAtMjAyMg==", "label": "Fondation membre", "stringValue": "075-FDD-00003-01",
         "rnf": {"id": "075-FDD-00003-01", "title": "Fondation des Territoires", "address": null}, "commune": null, "departement": null}
        """#),
        ("RegionChamp", .text, #"""
        {"__typename": "RegionChamp", "id": "Q2hhbXAtMjAyMw==", "label": "Région", "stringValue": "Pays de la Loire",
         "region": {"name": "Pays de la Loire", "code": "52"}}
        """#),
        ("RepetitionChamp", .rows, #"""
        {"__typename": "RepetitionChamp", "id": "Q2hhbXAtMjAyNA==", "label": "Partenaires", "stringValue": "",
         "rows": [{"id": "Um93LTE=", "champs": [{"__typename": "TextChamp", "id": "Q2hhbXAtMjAyNQ==", "label": "Partenaire",
                                                  "stringValue": "Ville de Nantes", "value": "Ville de Nantes"}]}],
         "champs": [{"__typename": "TextChamp", "id": "Q2hhbXAtMjAyNQ==", "label": "Partenaire", "stringValue": "Ville de Nantes"}]}
        """#),
        ("SiretChamp", .text, #"""
        {"__typename": "SiretChamp", "id": "Q2hhbXAtMjAyNg==", "label": "SIRET du partenaire", "stringValue": "12345678900012",
         "etablissement": {"__typename": "PersonneMorale", "id": "RXRhYi0x", "siret": "12345678900012", "siegeSocial": true, "naf": "8899B",
                           "libelleNaf": "Action sociale", "address": {"label": "Nantes", "type": "municipality", "cityName": "Nantes",
                           "cityCode": "44109", "postalCode": "44000"}, "entreprise": {"siren": "123456789", "raisonSociale": "SCIC"}}}
        """#),
        ("TextChamp", .text, #"""
        {"__typename": "TextChamp", "id": "Q2hhbXAtMjAyNw==", "label": "Site internet", "stringValue": "https://pole.example",
         "value": "https://pole.example"}
        """#),
        ("TitreIdentiteChamp", .text, #"""
        {"__typename": "TitreIdentiteChamp", "id": "Q2hhbXAtMjAyOA==", "label": "Pièce d’identité du représentant", "stringValue": "",
         "grantType": "piece_justificative", "filled": true}
        """#),
        ("YesNoChamp", .bool, #"""
        {"__typename": "YesNoChamp", "id": "Q2hhbXAtMjAyOQ==", "label": "Soutien d’une collectivité", "stringValue": "Oui", "selected": true}
        """#),
    ]

    /// The fields every champ of the current schema has besides its own.
    static let common = #""champDescriptorId": "Q2hhbXBEZXNjcmlwdG9y", "prefilled": false, "prefilledValueModified": false, "#
        + #""updatedAt": "2023-07-28T10:15:32+02:00", "columns": [], "#

    /// A page of one dossier named « Pôle des types » holding every fixture.
    static var page: String {
        let champs = fixtures.map { "{" + common + $0.json.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst() }
        return #"""
        {"data": {"demarche": {"number": 78542, "dossiers": {"pageInfo": {"hasNextPage": false}, "nodes": [
          {"__typename": "Dossier", "number": 301, "state": "en_construction", "dateDepot": "2023-07-28T10:15:32+02:00",
           "demandeur": {"__typename": "PersonneMorale", "siret": "12345678900012",
                         "address": {"cityName": "Nantes", "cityCode": "44109", "departmentCode": "44", "regionCode": "52"},
                         "entreprise": {"raisonSociale": "SCIC DES TYPES", "formeJuridique": "SCIC SAS"}, "association": null},
           "champs": [{"__typename": "TextChamp", "id": "Q2hhbXAtMTAwMQ==", "label": "Nom du PTCE", "stringValue": "Pôle des types"},
        """# + champs.joined(separator: ",\n") + "],\n \"annotations\": []}]}}}}\n"
    }
}
