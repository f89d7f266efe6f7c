import Foundation
import JuryCore
import JuryDemo
import JuryStore
import XCTest

/// The headless commands as a script or a person in a shell uses them: exit codes, what
/// stdout and stderr say, and what ends up on disk.
final class HeadlessCommandTests: XCTestCase {
    private var binary = ""
    private var scratch: URL!

    override func setUpWithError() throws {
        binary = try TmuxSession.consoleBinary()
        scratch = FileManager.default.temporaryDirectory.appending(path: "ptce-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    fileprivate struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs ptce-jury in `directory` with a clean environment (no PTCE_JURY_DATA, French unless asked).
    fileprivate func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch
        var environment = ProcessInfo.processInfo.environment.filter { !["PTCE_JURY_DATA", "LANG", "LC_ALL", "LC_MESSAGES"].contains($0.key) }
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = scratch.appending(path: ".out-\(UUID().uuidString)"), err = scratch.appending(path: ".err-\(UUID().uuidString)")
        for file in [out, err] { try Data().write(to: file) }
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A small synthetic campaign (not a demo: writes go where it lies) and one of its reviewers.
    fileprivate func campaign(dossiers: Int = 12) throws -> (path: String, reviewer: String, numbers: [Int]) {
        let path = scratch.appending(path: "campagne").path
        let made = try run(["demo", "--dossiers", "\(dossiers)", "--reviewers", "3", "--seed", "11", "--out", path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let store = try CampaignStore.open(URL(fileURLWithPath: path))
        let reviewer = try XCTUnwrap(store.jury.reviewers.first { $0.conflicts.isEmpty }).login
        return (path, reviewer, store.dossiers.map(\.number))
    }

    func testWithoutACampaignTheMessageSaysHowToStart() throws {
        let result = try run(["list"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("Aucune campagne trouvée"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ptce-jury init DOSSIER"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        let english = try run(["list", "--lang", "en"])
        XCTAssertTrue(english.stderr.contains("No campaign found"), english.stderr)
    }

    func testInitMakesACampaignThatChecksAndIsNeverOverwritten() throws {
        let made = try run(["init", "nouvelle"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("Campagne « AMI PTCE 2023 — phase 2 » créée"), made.stdout)
        let checked = try run(["check", "--data", "nouvelle"])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(checked.stdout, "Campagne valide : 0 dossier, 1 membre du jury, 0 fiche.\n")
        let before = try Data(contentsOf: scratch.appending(path: "nouvelle/campaign.json"))
        let again = try run(["init", "nouvelle"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("une campagne existe déjà ici"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: scratch.appending(path: "nouvelle/campaign.json")), before)
        let settings = try run(["campaign", "--data", "nouvelle"])
        XCTAssertTrue(settings.stdout.contains("Subvention         100\u{A0}000\u{A0}€ sur 24 mois"), settings.stdout)
    }

    /// The help of the program and of a command, and a refusal of the arguments, speak French unless
    /// --lang or the locale ask for English (one text catalog, docs/ARCHITECTURE.md).
    func testTheHelpSpeaksFrenchByDefaultAndEnglishWhenAsked() throws {
        // The help is wrapped to the terminal's width: its words are compared, not its lines.
        func help(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
            var result = try run(arguments, environment: environment)
            result.stdout = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return result
        }
        let french = try help(["--help"])
        XCTAssertEqual(french.status, 0, french.stderr)
        XCTAssertTrue(french.stdout.contains("Console du jury de l’AMI PTCE : lire, noter, délibérer, attribuer."), french.stdout)
        XCTAssertTrue(french.stdout.contains("Dossier de la campagne (sinon $PTCE_JURY_DATA, sinon ./data)."), french.stdout)
        XCTAssertTrue(french.stdout.contains("Écrit ma fiche de notation d’un dossier"), "the sub-commands' abstracts")
        let english = try help(["--help", "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("Console of the AMI PTCE jury: read, score, deliberate, allocate."), english.stdout)
        XCTAssertTrue(english.stdout.contains("The campaign's directory (else $PTCE_JURY_DATA, else ./data)."), english.stdout)
        XCTAssertFalse(english.stdout.contains("Dossier de la campagne"), english.stdout)

        let score = try help(["score", "--help"])
        XCTAssertTrue(score.stdout.contains("Écrit ma fiche de notation d’un dossier (brouillon, ou soumise avec --submit)."), score.stdout)
        XCTAssertTrue(score.stdout.contains("Soumet la fiche (elle doit être complète)."), score.stdout)
        for asked in [try help(["score", "--help", "--lang=en"]), try help(["score", "--help"], environment: ["LANG": "en_GB.UTF-8"])] {
            XCTAssertTrue(asked.stdout.contains("Writes my score sheet for a dossier (a draft, or submitted with --submit)."), asked.stdout)
            XCTAssertTrue(asked.stdout.contains("Submits the sheet (it must be complete)."), asked.stdout)
            XCTAssertFalse(asked.stdout.contains("Soumet la fiche"), asked.stdout)
        }

        let open = try help(["session", "open", "--help"])
        XCTAssertTrue(open.stdout.contains("Ouvre une séance : son lieu, les membres présents (quorum de la campagne)."), open.stdout)
        XCTAssertTrue(open.stdout.contains("Identifiant du membre qui tient le procès-verbal."), open.stdout)
        let openInEnglish = try help(["session", "open", "--help", "--lang", "en"])
        XCTAssertTrue(openInEnglish.stdout.contains("Opens a session: its place, the members present (the campaign’s quorum)."),
                      openInEnglish.stdout)
        XCTAssertTrue(openInEnglish.stdout.contains("Login of the member who keeps the minutes."), openInEnglish.stdout)
        let allocate = try help(["allocate", "--help"])
        XCTAssertTrue(allocate.stdout.contains("Une action à la fois ; sans action, affiche l’état de l’attribution."), allocate.stdout)
        XCTAssertTrue(allocate.stdout.contains("--vote <POUR,CONTRE,ABST>"), allocate.stdout)
        let allocateInEnglish = try help(["allocate", "--help"], environment: ["LANG": "en_GB.UTF-8"])
        XCTAssertTrue(allocateInEnglish.stdout.contains("One action at a time; without an action, shows the state of the allocation."),
                      allocateInEnglish.stdout)
        XCTAssertTrue(allocateInEnglish.stdout.contains("--vote <FOR,AGAINST,ABST>"), allocateInEnglish.stdout)
        XCTAssertFalse(allocateInEnglish.stdout.contains("Adopte la sélection optimale."), allocateInEnglish.stdout)

        let refused = try run(["demo", "--dossiers", "0", "--out", "x"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--dossiers : entre 1 et 100 000"), refused.stderr)
        let refusedInEnglish = try run(["demo", "--dossiers", "0", "--out", "x", "--lang", "en"])
        XCTAssertTrue(refusedInEnglish.stderr.contains("--dossiers: between 1 and 100,000"), refusedInEnglish.stderr)
    }

    /// Counts agree with their noun in each language: French keeps the singular for 0 and 1,
    /// English for 1 only.
    func testCheckCountsInEachLanguagesGrammar() throws {
        XCTAssertEqual(try run(["init", "nouvelle"]).status, 0)
        func check(_ language: String) throws -> String { try run(["check", "--data", "nouvelle", "--lang", language]).stdout }
        XCTAssertEqual(try check("fr"), "Campagne valide : 0 dossier, 1 membre du jury, 0 fiche.\n")
        XCTAssertEqual(try check("en"), "Campaign valid: 0 dossiers, 1 jury member, 0 sheets.\n")
        let added = try run(["jury", "add", "bmartin", "--name", "Bruno Martin", "--data", "nouvelle"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(try check("fr"), "Campagne valide : 0 dossier, 2 membres du jury, 0 fiche.\n")
        XCTAssertEqual(try check("en"), "Campaign valid: 0 dossiers, 2 jury members, 0 sheets.\n")
    }

    func testTheDataDirectoryComesFromTheEnvironmentOrTheWorkingDirectory() throws {
        let c = try campaign()
        let fromEnvironment = try run(["list", "--reviewer", c.reviewer], environment: ["PTCE_JURY_DATA": c.path])
        XCTAssertEqual(fromEnvironment.status, 0, fromEnvironment.stderr)
        try FileManager.default.createDirectory(at: scratch.appending(path: "ici"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.appending(path: "ici/data").path, withDestinationPath: c.path)
        let fromWorkingDirectory = try run(["list", "--reviewer", c.reviewer], in: scratch.appending(path: "ici"))
        XCTAssertEqual(fromWorkingDirectory.stdout, fromEnvironment.stdout)
    }

    func testListInEveryFormat() throws {
        let c = try campaign()
        let table = try run(["list", "--data", c.path, "--reviewer", c.reviewer])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("  Numéro  PTCE"), table.stdout)
        struct Row: Decodable { let number: Int; let status: String; let eligible: Bool }
        let json = try run(["list", "--data", c.path, "--reviewer", c.reviewer, "--format", "json"])
        let rows = try JSONDecoder().decode([Row].self, from: Data(json.stdout.utf8))
        XCTAssertEqual(rows.map(\.number), c.numbers)
        let csv = try run(["list", "--data", c.path, "--reviewer", c.reviewer, "--format", "csv", "--lang", "en"])
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "Number,PTCE,Region,Sector,Eligibility,My sheet,My total,Jury avg.")
        XCTAssertEqual(lines.count, c.numbers.count + 1)
    }

    func testScoreWritesMySheetAndRefusesWhatIsWrongNamingTheValidChoices() throws {
        let c = try campaign()
        let store = try CampaignStore.open(URL(fileURLWithPath: c.path))
        let number = try XCTUnwrap(c.numbers.first { store.sheet(reviewer: c.reviewer, dossier: $0) == nil })
        let keys = store.campaign.criteria.map(\.key)
        let sheetFile = URL(fileURLWithPath: c.path).appending(path: "reviewers/\(c.reviewer)/sheets/\(number).json")

        let unknownKey = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--set", "beaute=3"])
        XCTAssertEqual(unknownKey.status, 1)
        XCTAssertEqual(unknownKey.stderr, "Critère « beaute » inconnu. Critères : \(keys.joined(separator: ", "))\n")
        let offScale = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--set", "\(keys[0])=9"])
        XCTAssertEqual(offScale.stderr, "9 est hors de l’échelle de « \(keys[0]) » (0 à 5)\n")
        let unknownNumber = try run(["score", "999", "--data", c.path, "--reviewer", c.reviewer, "--set", "\(keys[0])=3"])
        XCTAssertTrue(unknownNumber.stderr.hasPrefix("Dossier 999 inconnu. Numéros valides : \(c.numbers[0]), "), unknownNumber.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sheetFile.path), "a refused score writes nothing")

        let draft = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer,
                             "--set", "\(keys[0])=4", "--comment", "\(keys[0])=Coopération « ancienne »"])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertEqual(draft.stdout, "Fiche \(number) enregistrée (brouillon), total pondéré 4,00.\n")
        let saved = try JSONDecoder().decode(ScoreSheet.self, from: Data(contentsOf: sheetFile))
        XCTAssertEqual(saved.values, [keys[0]: 4])
        XCTAssertEqual(saved.comments[keys[0]], "Coopération « ancienne »")

        let early = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--submit"])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.hasPrefix("Fiche incomplète, il manque : "), early.stderr)
        XCTAssertTrue(early.stderr.contains("l’avis (favorable, réservé, défavorable)"), early.stderr)

        let complete = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--recommend", "favorable", "--submit"]
                               + keys.dropFirst().flatMap { ["--set", "\($0)=3"] })
        XCTAssertEqual(complete.status, 0, complete.stderr)
        XCTAssertTrue(complete.stdout.contains("(soumis)"), complete.stdout)
        let locked = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--set", "\(keys[0])=1"])
        XCTAssertEqual(locked.stderr, "Fiche déjà soumise : rouvrez-la pour la modifier\n")
        let reopened = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--reopen", "--set", "\(keys[0])=1"])
        XCTAssertEqual(reopened.status, 0, reopened.stderr)
        XCTAssertEqual(try JSONDecoder().decode(ScoreSheet.self, from: Data(contentsOf: sheetFile)).status, .draft)
    }

    func testAMalformedFileIsReportedWithItsPositionAndNeverWritten() throws {
        let c = try campaign()
        let dossiers = URL(fileURLWithPath: c.path).appending(path: "dossiers.json")
        let original = try Data(contentsOf: dossiers)
        let broken = original.prefix(original.count / 2)
        try broken.write(to: dossiers)
        let checked = try run(["check", "--data", c.path])
        XCTAssertEqual(checked.status, 65)
        XCTAssertTrue(checked.stderr.hasPrefix("\(c.path)/dossiers.json:"), checked.stderr)
        XCTAssertNotNil(checked.stderr.range(of: #"dossiers\.json:\d+:\d+: "#, options: .regularExpression), checked.stderr)
        let score = try run(["score", "\(c.numbers[0])", "--data", c.path, "--reviewer", c.reviewer, "--set", "maturite=3"])
        XCTAssertEqual(score.status, 65)
        XCTAssertEqual(try Data(contentsOf: dossiers), broken, "a file that failed to load is never written over")
    }

    func testAnAccountOutsideTheJuryIsToldWhoCanAddIt() throws {
        let c = try campaign()
        let result = try run(["list", "--data", c.path, "--reviewer", "intrus"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("« intrus » n’est pas membre du jury de cette campagne. Membres : "), result.stderr)
        XCTAssertTrue(result.stderr.contains("La présidence (presidence) peut vous ajouter."), result.stderr)
    }

    /// The campaign's owner lists the jury they prepare without being in it; a member sees it
    /// whole (no connection column on a directory); anyone else is refused.
    func testJuryListShowsTheJuryToItsMembersAndToTheCampaignsOwner() throws {
        let c = try campaign()
        let owner = try run(["jury", "list", "--data", c.path])
        XCTAssertEqual(owner.status, 0, owner.stderr)
        let lines = owner.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true), ["Identifiant", "Nom", "Rôle", "Région"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("presidence ") && $0.contains("présidence") }, owner.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix(c.reviewer + " ") && $0.contains("rapporteur") }, owner.stdout)
        let member = try run(["jury", "list", "--data", c.path, "--reviewer", c.reviewer, "--format", "json", "--lang", "en"])
        XCTAssertEqual(member.status, 0, member.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(member.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, lines.count - 1)
        XCTAssertFalse(rows.contains { $0["connected"] != nil }, "no server, no connections")
        let stranger = try run(["jury", "list", "--data", c.path, "--reviewer", "intrus"])
        XCTAssertEqual(stranger.status, 1)
        XCTAssertTrue(stranger.stderr.hasPrefix("« intrus » n’est pas membre du jury"), stranger.stderr)
    }

    func testNoCommandPrintsAControlSequenceFromADossier() throws {
        let generated = SyntheticCampaign.generate(dossiers: 3, reviewers: 2, seed: 5)
        let hostile = HostileDossier.make(number: 99_000_001)
        let root = scratch.appending(path: "hostile")
        try CampaignStore.create(at: root, campaign: generated.campaign, jury: generated.jury,
                                 dossiers: generated.dossiers + [hostile], sheets: generated.sheets)
        let reviewer = generated.jury.reviewers[0].login
        for arguments in [["show", "99000001"], ["show", "99000001", "--format", "json"], ["list"], ["list", "--format", "csv"]] {
            let result = try run(arguments + ["--data", root.path, "--reviewer", reviewer])
            XCTAssertEqual(result.status, 0, result.stderr)
            let unsafe = result.stdout.unicodeScalars.filter { $0 != "\n" && Sanitizer.isUnsafe($0) }
            XCTAssertEqual(unsafe.map { String($0.value, radix: 16) }, [], "ptce-jury \(arguments.joined(separator: " "))")
        }
    }

    func testWorkingInTheDemoNeverChangesItsFiles() throws {
        let demo = scratch.appending(path: "demo")
        XCTAssertEqual(try run(["demo", "--bundled", "--out", demo.path]).status, 0)
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(at: demo, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.lastPathComponent == ".demo-work" { enumerator?.skipDescendants(); continue }
                if url.pathExtension == "json" { files[url.path] = try Data(contentsOf: url) }
            }
            return files
        }
        let before = try snapshot()
        let store = try CampaignStore.open(demo)
        let member = try XCTUnwrap(store.jury.member("amartin"))
        let number = try XCTUnwrap(store.dossiers.first { !member.isConflicted(on: $0.number) }).number
        // Reading writes nothing, not even the newcomer's name in the jury.
        for read in [["list"], ["show", "\(number)"], ["ranking"]] {
            let output = try run(read + ["--data", demo.path])
            XCTAssertEqual(output.status, 0, output.stderr)
        }
        XCTAssertNil(try CampaignStore.open(demo).jury.member(UnixAccounts.currentLogin()), "a read admitted the newcomer to the demo jury")
        // A newcomer's first act may be a declaration of conflict: it admits them as a sheet does.
        let other = try XCTUnwrap(store.dossiers.last { $0.number != number }).number
        let declared = try run(["conflict", "declare", "\(other)", "--reason", "administrateur", "--data", demo.path])
        XCTAssertEqual(declared.status, 0, declared.stderr)
        XCTAssertEqual(try CampaignStore.open(demo).jury.member(UnixAccounts.currentLogin())?.isConflicted(on: other), true)
        // A newcomer (whoever runs the tests) scores at once, without set-up, and joins the jury then.
        let newcomer = try run(["score", "\(number)", "--data", demo.path, "--set", "maturite=2"])
        XCTAssertEqual(newcomer.status, 0, newcomer.stderr)
        XCTAssertNotNil(try CampaignStore.open(demo).jury.member(UnixAccounts.currentLogin()), "the newcomer is in the jury")
        let asMember = try run(["score", "\(number)", "--data", demo.path, "--reviewer", "amartin", "--set", "maturite=5"])
        XCTAssertEqual(asMember.status, 0, asMember.stderr)
        XCTAssertEqual(try snapshot(), before)
        XCTAssertTrue(FileManager.default.fileExists(atPath: demo.appending(path: ".demo-work/reviewers/amartin/sheets/\(number).json").path))
    }
}

extension HeadlessCommandTests {
    func testCheckAlsoValidatesTheAllocation() throws {
        let c = try campaign()
        let allocation = URL(fileURLWithPath: c.path).appending(path: "allocation.json")
        try Data("{\"schemaVersion\": 1, \"revision\": ".utf8).write(to: allocation)
        let checked = try run(["check", "--data", c.path])
        XCTAssertEqual(checked.status, 65)
        XCTAssertNotNil(checked.stderr.range(of: #"allocation\.json:\d+:\d+: "#, options: .regularExpression), checked.stderr)
    }
}

extension HeadlessCommandTests {
    /// Rewrites campaign.json through a plain JSON tree, as a chair editing it by hand would.
    private func editCampaign(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        let url = URL(fileURLWithPath: path).appending(path: "campaign.json")
        var tree = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&tree)
        try JSONSerialization.data(withJSONObject: tree, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    func testAMalformedFileIsReportedInTheMembersLanguageAtItsPosition() throws {
        let c = try campaign()
        try Data("{\n  \"schemaVersion\": 1,\n  \"members\": [".utf8).write(to: URL(fileURLWithPath: c.path).appending(path: "jury.json"))
        let english = try run(["check", "--data", c.path, "--lang", "en"])
        XCTAssertEqual(english.status, 65)
        XCTAssertEqual(english.stderr, "\(c.path)/jury.json:3:15: unexpected end of file: the file is truncated "
                                       + "or a brace, a bracket or a quote is not closed\n")
        let french = try run(["list", "--data", c.path, "--reviewer", c.reviewer])
        XCTAssertEqual(french.status, 65)
        XCTAssertEqual(french.stderr, "\(c.path)/jury.json:3:15: fin de fichier inattendue : le fichier est tronqué "
                                      + "ou une accolade, un crochet ou un guillemet n’est pas fermé\n")
    }

    func testATamperedJournalIsReportedInTheMembersLanguage() throws {
        let c = try campaign()
        let store = try CampaignStore.open(URL(fileURLWithPath: c.path))
        let number = try XCTUnwrap(c.numbers.first { store.sheet(reviewer: c.reviewer, dossier: $0) == nil })
        let scored = try run(["score", "\(number)", "--data", c.path, "--reviewer", c.reviewer, "--set", "\(store.campaign.criteria[0].key)=3"])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let journal = URL(fileURLWithPath: c.path).appending(path: "journal/\(c.reviewer).jsonl")
        let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").count
        let handle = try FileHandle(forWritingTo: journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not an entry\n".utf8))
        try handle.close()
        let english = try run(["journal", "verify", "--data", c.path, "--lang", "en"])
        XCTAssertNotEqual(english.status, 0)
        XCTAssertEqual(english.stdout, "\(c.path)/journal/\(c.reviewer).jsonl:\(lines + 1):1: unreadable entry: the line was changed "
                                       + "or is not a journal entry\n")
        XCTAssertEqual(english.stderr, "Journal tampered with: 1 problem above.\n")
        let french = try run(["journal", "verify", "--data", c.path])
        XCTAssertEqual(french.stderr, "Journal altéré : 1 problème ci-dessus.\n")
    }

    func testAnUnknownRuleIsNamedInEnglishToo() throws {
        let c = try campaign()
        try editCampaign(c.path) { tree in
            var constraints = tree["constraints"] as! [String: Any]
            constraints["minPerRegion"] = ["84": 1]
            tree["constraints"] = constraints
        }
        let checked = try run(["check", "--data", c.path], environment: ["LANG": "en_GB.UTF-8"])
        XCTAssertEqual(checked.status, 65)
        XCTAssertEqual(checked.stderr, "\(c.path)/campaign.json: constraints.minPerRegion: unknown rule “minPerRegion” "
                                       + "(known rules: eligibleOnly, maxPerRegion, minOverseas)\n")
    }

    func testCheckRefusesAnUnknownRuleNamingItAndTheKnownOnes() throws {
        let c = try campaign()
        try editCampaign(c.path) { tree in
            var constraints = tree["constraints"] as! [String: Any]
            constraints["minPerRegion"] = ["84": 1]
            tree["constraints"] = constraints
        }
        let checked = try run(["check", "--data", c.path])
        XCTAssertEqual(checked.status, 65)
        XCTAssertEqual(checked.stderr, "\(c.path)/campaign.json: constraints.minPerRegion: règle inconnue « minPerRegion » "
                                       + "(règles connues : eligibleOnly, maxPerRegion, minOverseas)\n")
        // The proposal cannot ignore it either: every command refuses the campaign.
        XCTAssertEqual(try run(["allocate", "--data", c.path, "--propose"]).status, 65)
    }

    func testCheckWarnsWhenNoDossierCanBeFundedAndSaysWhy() throws {
        let c = try campaign()
        XCTAssertEqual(try run(["check", "--data", c.path]).stderr, "", "a fundable campaign: no warning")
        try editCampaign(c.path) { tree in
            var funding = tree["funding"] as! [String: Any]
            funding["totalBudget"] = 50_000
            tree["funding"] = funding
        }
        let poor = try run(["check", "--data", c.path])
        XCTAssertEqual(poor.status, 0, "a warning, not a refusal")
        XCTAssertTrue(poor.stdout.hasPrefix("Campagne valide"), poor.stdout)
        XCTAssertEqual(poor.stderr, "\(c.path)/campaign.json : attention, aucun dossier ne peut être financé : le budget total "
                                    + "(50\u{00A0}000\u{00A0}€) est inférieur à une subvention (100\u{00A0}000\u{00A0}€)\n")

        try editCampaign(c.path) { tree in
            var funding = tree["funding"] as! [String: Any]
            funding["totalBudget"] = 1_500_000
            tree["funding"] = funding
            var call = tree["call"] as! [String: Any]
            call["closing"] = call["opening"]   // every dossier was filed after the closing
            tree["call"] = call
        }
        let ineligible = try run(["check", "--data", c.path, "--lang", "en"])
        XCTAssertEqual(ineligible.status, 0)
        XCTAssertEqual(ineligible.stderr, "\(c.path)/campaign.json: warning, no dossier can be funded: none of the 12 dossiers is eligible\n")
    }
}

extension HeadlessCommandTests {
    private func assignments(_ path: String) throws -> [Int: [String]] {
        let tree = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path).appending(path: "assignments.json")))
                                 as? [String: Any])
        var byDossier: [Int: [String]] = [:]
        for entry in tree["dossiers"] as! [[String: Any]] { byDossier[entry["dossier"] as! Int] = entry["rapporteurs"] as? [String] }
        return byDossier
    }

    func testTheChairAssignsRapporteursExactlyAndEveryChangeIsJournaled() throws {
        let c = try campaign()
        let store = try CampaignStore.open(URL(fileURLWithPath: c.path))
        let chair = try XCTUnwrap(store.jury.members.first { $0.role == .chair }).login
        let refused = try run(["assign", "--auto", "--data", c.path, "--reviewer", c.reviewer])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("seule la présidence du jury peut désigner les rapporteurs"), refused.stderr)

        let auto = try run(["assign", "--auto", "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(auto.status, 0, auto.stderr)
        XCTAssertTrue(auto.stdout.hasPrefix("Rapporteurs désignés : 24 pour 12 dossiers (2 par dossier) — révision 1."), auto.stdout)
        let assigned = try assignments(c.path)
        XCTAssertEqual(assigned.count, 12)
        var loads: [String: Int] = [:]
        for (dossier, logins) in assigned {
            XCTAssertEqual(logins.count, 2)
            for login in logins {
                XCTAssertFalse(store.jury.member(login)!.isConflicted(on: dossier), "\(login) in conflict on \(dossier)")
                loads[login, default: 0] += 1
            }
        }
        XCTAssertLessThanOrEqual(loads.values.max()! - loads.values.min()!, 1, "\(loads)")

        // By hand: a member in conflict is refused, naming the conflict; taking one off keeps their sheet.
        let conflicted = store.jury.reviewers.flatMap { member in member.conflicts.map { (member.login, $0.dossier) } }.first
        if let (login, dossier) = conflicted {
            let refusedConflict = try run(["assign", "\(dossier)", login, "--data", c.path, "--reviewer", chair])
            XCTAssertEqual(refusedConflict.status, 1)
            XCTAssertEqual(refusedConflict.stderr, "« \(login) » a un conflit d’intérêts sur le dossier n° \(dossier)\n")
        }
        let (dossier, login) = try XCTUnwrap(assigned.sorted { $0.key < $1.key }.lazy
            .compactMap { number, logins in logins.first { store.sheet(reviewer: $0, dossier: number) != nil }.map { (number, $0) } }.first)
        let sheet = URL(fileURLWithPath: c.path).appending(path: "reviewers/\(login)/sheets/\(dossier).json")
        let before = try Data(contentsOf: sheet)
        let off = try run(["unassign", "\(dossier)", login, "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertEqual(try assignments(c.path)[dossier]?.contains(login), false)
        XCTAssertEqual(try Data(contentsOf: sheet), before, "no sheet is ever deleted or changed")
        XCTAssertEqual(try run(["unassign", "\(dossier)", login, "--data", c.path, "--reviewer", chair]).stderr,
                       "« \(login) » n’est pas rapporteur du dossier n° \(dossier)\n")
        let back = try run(["assign", "\(dossier)", login, "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try assignments(c.path)[dossier]?.contains(login), true)

        // The chair's journal (the Unix account running these tests is not a member, so it is read here).
        let journal = try String(contentsOf: URL(fileURLWithPath: c.path).appending(path: "journal/\(chair).jsonl"), encoding: .utf8)
        XCTAssertEqual(journal.split(separator: "\n").filter { $0.contains("\"action\":\"rapporteurs\"") }.count, 3, journal)
        XCTAssertEqual(try run(["journal", "verify", "--data", c.path]).status, 0)
        XCTAssertEqual(try run(["check", "--data", c.path]).status, 0)
    }

    func testProgressShowsEachRapporteursSheetsAndTheDossiersWaitingForThem() throws {
        let c = try campaign()
        let store = try CampaignStore.open(URL(fileURLWithPath: c.path))
        let chair = try XCTUnwrap(store.jury.members.first { $0.role == .chair }).login
        XCTAssertEqual(try run(["assign", "--auto", "--data", c.path, "--reviewer", chair]).status, 0)
        let assigned = try assignments(c.path)
        let progress = try run(["progress", "--format", "json", "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(progress.status, 0, progress.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["login"] as! String }, store.jury.reviewers.map(\.login).sorted())
        for row in rows {
            let login = row["login"] as! String
            let mine = assigned.filter { $0.value.contains(login) }.keys.sorted()
            let sheets = mine.map { store.sheet(reviewer: login, dossier: $0)?.status }
            XCTAssertEqual(row["assigned"] as? Int, mine.count, login)
            XCTAssertEqual(row["submitted"] as? Int, sheets.filter { $0 == .submitted }.count, login)
            XCTAssertEqual(row["drafts"] as? Int, sheets.filter { $0 == .draft }.count, login)
            XCTAssertEqual(row["waiting"] as? [Int], mine.filter { store.sheet(reviewer: login, dossier: $0)?.status != .submitted }, login)
        }
        // A reviewer sees their own line only.
        let own = try run(["progress", "--data", c.path, "--reviewer", c.reviewer])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertEqual(own.stdout.split(separator: "\n").count, 2, own.stdout)
        XCTAssertTrue(own.stdout.contains(c.reviewer), own.stdout)
        // The ranking expects the rapporteurs' sheets: two per dossier.
        let ranking = try run(["ranking", "--format", "csv", "--data", c.path, "--reviewer", chair, "--resamples", "0"])
        XCTAssertEqual(ranking.status, 0, ranking.stderr)
        XCTAssertTrue(ranking.stdout.contains("/2"), ranking.stdout)
    }
}

extension HeadlessCommandTests {
    func testCheckAlsoValidatesTheRapporteurs() throws {
        let c = try campaign()
        let url = URL(fileURLWithPath: c.path).appending(path: "assignments.json")
        try Data("{\"schemaVersion\": 1, \"revision\": 1,\n \"dossiers\": [{\"dossier\": 1, \"rapporteurs\": []}".utf8).write(to: url)
        let broken = try run(["check", "--data", c.path])
        XCTAssertEqual(broken.status, 65)
        XCTAssertNotNil(broken.stderr.range(of: #"assignments\.json:\d+:\d+: "#, options: .regularExpression), broken.stderr)
        try Data("{\"schemaVersion\": 1, \"revision\": 1, \"dossiers\": [{\"dossier\": 1, \"rapporteurs\": [\"x\"]}]}".utf8).write(to: url)
        let unknown = try run(["check", "--data", c.path])
        XCTAssertEqual(unknown.status, 65)
        XCTAssertEqual(unknown.stderr, "\(c.path)/assignments.json: dossiers[0].dossier: dossier n° 1 inconnu : absent de dossiers.json\n")
    }
}

extension HeadlessCommandTests {
    /// With notOwnRegion, a member from a regional cell is kept off that region's dossiers.
    func testAMemberIsKeptOffTheDossiersOfTheirOwnRegion() throws {
        let c = try campaign()
        let store = try CampaignStore.open(URL(fileURLWithPath: c.path))
        let chair = try XCTUnwrap(store.jury.members.first { $0.role == .chair }).login
        let region = try XCTUnwrap(store.dossiers.first).address.region
        try editCampaign(c.path) { $0["rapporteurs"] = ["perDossier": 1, "notOwnRegion": true] }
        XCTAssertEqual(try run(["jury", "add", "cellule", "--name", "Cellule régionale", "--region", "99", "--data", c.path, "--reviewer", chair]).status, 1)
        let added = try run(["jury", "add", "cellule", "--name", "Cellule régionale", "--region", region.code, "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(try run(["campaign", "--data", c.path]).stdout.contains("1 par dossier, hors de leur région"))
        let auto = try run(["assign", "--auto", "--data", c.path, "--reviewer", chair])
        XCTAssertEqual(auto.status, 0, auto.stderr)
        XCTAssertTrue(auto.stdout.contains("Aucun membre sur un dossier de sa région."), auto.stdout)
        let own = store.dossiers.filter { $0.address.region.code == region.code }.map(\.number)
        for (dossier, logins) in try assignments(c.path) where own.contains(dossier) { XCTAssertFalse(logins.contains("cellule"), "\(dossier)") }
    }
}
