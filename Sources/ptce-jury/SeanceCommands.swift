import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

extension Session {
    /// The chair's action on the séance, journaled; a refusal of the action comes in the member's language.
    func actOnSeance(_ action: SeanceAction) throws -> Seances {
        do {
            return try store.act(on: action, by: login)
        } catch let refusal as SeanceRefusal {
            throw Failure(refusal.message.text(language))
        } catch {
            throw Failure(String(describing: error))
        }
    }

    /// What the séance now is, in one line, as consoles show it.
    func seanceLine(_ seances: Seances) throws -> String {
        let member = try member(), dossiers = store.dossiers
        guard let view = SeanceView.of(seances, for: member) else { return language.text(.noSessionOpenN) }
        return view.banner(language) { number in dossiers.first { $0.number == number }?.name } + "\n"
    }
}

/// A chair's action on the séance: once done, the séance is printed as consoles show it.
protocol SeanceActionCommand: ServedCommand where Request == SeanceCommandRequest {
    var action: SeanceAction { get }
}

extension SeanceActionCommand {
    func request() -> SeanceCommandRequest { SeanceCommandRequest(action: action) }
}

extension SeanceCommandRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let seances = try session.actOnSeance(action)
        guard action == .close else { return Output.write(try session.seanceLine(seances)) }
        let number = seances.seances.last?.number ?? 0
        Output.write(session.language.text(.sessionNoClosedN, ["number": number]))
    }
}

struct SeanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: Language.ofThisProcess.text(.helpSeance),
        discussion: Language.ofThisProcess.text(.helpSeanceDiscussion),
        subcommands: [SeanceOpenCommand.self, SeanceDiscussCommand.self, SeanceEndDiscussionCommand.self, SeanceArriveCommand.self,
                      SeanceLeaveCommand.self, SeanceCloseCommand.self, SeanceShowCommand.self],
        aliases: ["seance"])
}

struct SeanceOpenCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: Language.ofThisProcess.text(.helpSeanceOpen), aliases: ["ouvrir"])

    @OptionGroup var options: CampaignOptions
    @Option(name: [.customLong("place"), .customLong("lieu")], help: .text(.helpSeanceOpenPlace)) var place: String
    @Option(name: [.customLong("present"), .customLong("presents")], help: .text(.helpSeanceOpenPresent))
    var present: String
    @Option(name: [.customLong("secretary"), .customLong("secretaire")], help: .text(.helpSeanceOpenSecretary))
    var secretary: String?

    var action: SeanceAction {
        .open(place: place, present: present.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
              secretary: secretary)
    }
}

struct SeanceDiscussCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "discuss", abstract: Language.ofThisProcess.text(.helpSeanceDiscuss), aliases: ["discuter"])

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpDossierNumber)) var number: Int

    var action: SeanceAction { .discuss(number) }
}

struct SeanceEndDiscussionCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-discussion", abstract: Language.ofThisProcess.text(.helpSeanceEndDiscussion), aliases: ["fin-discussion"])

    @OptionGroup var options: CampaignOptions

    var action: SeanceAction { .endDiscussion }
}

struct SeanceArriveCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrive", abstract: Language.ofThisProcess.text(.helpSeanceArrive), aliases: ["arrivee"])

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpMemberLogin)) var login: String

    var action: SeanceAction { .arrive(login) }
}

struct SeanceLeaveCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave", abstract: Language.ofThisProcess.text(.helpSeanceLeave), aliases: ["depart"])

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpMemberLogin)) var login: String

    var action: SeanceAction { .leave(login) }
}

struct SeanceCloseCommand: SeanceActionCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: Language.ofThisProcess.text(.helpSeanceClose), aliases: ["clore"])

    @OptionGroup var options: CampaignOptions

    var action: SeanceAction { .close }
}

struct SeanceShowCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: Language.ofThisProcess.text(.helpSeanceShow),
        aliases: ["voir"])

    @OptionGroup var options: CampaignOptions
    @OptionGroup var output: OutputOptions

    func request() throws -> SeanceShowRequest { SeanceShowRequest(format: output.format) }

    /// A séance's opening, its events, its closing.
    static func rows(_ seance: Seance, _ l: Language) -> [[String]] {
        let number = "\(seance.number)"
        var rows = [[number, DateText.parisZoned(seance.openedAt.date), l.text(.opening2), "", seance.openedBy,
                     seance.place + " — quorum \(seance.quorum)" + (seance.secretary.map { l.text(.secretary3) + $0 } ?? "")]]
        rows += seance.events.map { row(seance.number, $0, l) }
        if let closedAt = seance.closedAt {
            rows.append([number, DateText.parisZoned(closedAt.date), l.text(.closing2), "", seance.closedBy ?? "", ""])
        }
        return rows
    }

    static func row(_ number: Int, _ event: SeanceEvent, _ l: Language) -> [String] {
        let kind: String
        switch event.kind {
        case .arrival: kind = l.text(.arrival)
        case .departure: kind = l.text(.departure)
        case .discussion: kind = l.text(.discussion)
        case .discussionEnded: kind = l.text(.endOfDiscussion)
        case .steppedOut: kind = l.text(.steppedOutConflictOfInterest)
        case .decision: kind = l.text(.decision2)
        case .lateSheet: kind = l.text(.sheetSubmittedAfterTheDiscussion)
        }
        var detail: [String] = []
        if let decision = event.decision { detail.append(Labels.decision(decision, l)) }
        if let mode = event.mode { detail.append(mode.text(l)) }
        if let present = event.present { detail.append(l.text(.present4) + present.joined(separator: ", ")) }
        if let withdrawn = event.withdrawn, !withdrawn.isEmpty {
            detail.append(l.text(.seanceWithdrawnMembers, ["count": withdrawn.count]) + withdrawn.joined(separator: ", "))
        }
        if let quorate = event.quorate, !quorate { detail.append(l.text(.quorumNotReached2)) }
        return ["\(number)", DateText.parisZoned(event.at.date), kind, event.dossier.map(String.init) ?? "", event.login ?? "",
                detail.joined(separator: " — ")]
    }
}

extension SeanceShowRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language, store = session.store
        let member = try session.member()
        let seances: Seances
        do throws(StoreFailure) { seances = try store.loadSeances() } catch { throw Failure(error.text(l), code: ExitCode.invalidData) }
        let shown = seances.disclosed(to: Disclosure(viewer: member, campaign: store.campaign))
        if format == .table { Output.write(try session.seanceLine(seances)) }
        try Output.emit(format, table: {
            Table(headers: [l.text(.session), l.text(.date), l.text(.event), l.text(.screenDossier),
                            l.text(.member), l.text(.detail)],
                  rows: shown.seances.flatMap { SeanceShowCommand.rows($0, l) }, rightAligned: [0, 3])
        }, json: { shown })
    }
}
