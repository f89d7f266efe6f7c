/// Where one member stands on the dossiers they report on: what `ptce-jury progress` shows the chair.
public struct RapporteurProgress: Sendable, Equatable, Codable {
    public let login: String
    public let name: String
    /// Dossiers they report on.
    public let assigned: Int
    /// Of those, with a sheet begun and not submitted.
    public let drafts: Int
    /// Of those, with a submitted sheet.
    public let submitted: Int
    /// Sheets they submitted on dossiers they do not report on: they count too.
    public let outside: Int
    /// Their dossiers still waiting for a submitted sheet, by number.
    public let waiting: [Int]

    /// Every rapporteur's progress for the chair; a reviewer's own only. Nothing about a dossier the
    /// viewer is in conflict on (Disclosure), so that a count cannot give it away.
    public static func of(_ assignments: Assignments, jury: Jury, sheets: [String: [Int: ScoreSheet]],
                          viewer: JuryMember, campaign: Campaign) -> [RapporteurProgress] {
        let disclosure = Disclosure(viewer: viewer, campaign: campaign)
        var byMember: [String: [Int]] = [:]
        for entry in assignments.dossiers where disclosure.mayLearnAnything(about: entry.dossier) {
            for login in entry.rapporteurs { byMember[login, default: []].append(entry.dossier) }
        }
        let members = jury.members.filter { member in
            (member.role == .reviewer || byMember[member.login] != nil) && (viewer.role == .chair || member.login == viewer.login)
        }
        return members.sorted { $0.login < $1.login }.map { member in
            let mine = byMember[member.login] ?? [], own = sheets[member.login] ?? [:]
            let mineSet = Set(mine)
            let outside = own.values.filter {
                $0.status == .submitted && !mineSet.contains($0.dossier) && disclosure.mayLearnAnything(about: $0.dossier)
            }.count
            return RapporteurProgress(login: member.login, name: member.name, assigned: mine.count,
                                      drafts: mine.filter { own[$0]?.status == .draft }.count,
                                      submitted: mine.filter { own[$0]?.status == .submitted }.count,
                                      outside: outside, waiting: mine.filter { own[$0]?.status != .submitted }.sorted())
        }
    }
}
