import ArgumentParser
import Foundation
import JuryCore
import JuryServer
import JuryStore

struct ScoreCommand: ServedCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: Language.ofThisProcess.text(.helpScore))

    @OptionGroup var options: CampaignOptions
    @Argument(help: .text(.helpDossierNumber)) var number: Int
    @Option(name: .customLong("set"), help: .text(.helpScoreSet)) var values: [String] = []
    @Option(name: .customLong("comment"), help: .text(.helpScoreComment)) var comments: [String] = []
    @Option(name: .long, help: .text(.helpScoreOverall)) var overall: String?
    @Option(name: .long, help: .text(.helpScoreRecommend)) var recommend: Recommendation?
    @Flag(name: .long, help: .text(.helpScoreReopen)) var reopen = false
    @Flag(name: .long, help: .text(.helpScoreSubmit)) var submit = false

    func request() throws -> ScoreRequest { ScoreRequest(number: number, values: values, comments: comments, overall: overall, recommend: recommend, reopen: reopen, submit: submit) }
}

extension ScoreRequest: PerformedRequest {
    func perform(_ options: CampaignOptions) throws {
        let session = try options.openSession()
        let l = session.language, grid = session.store.campaign.criteria
        let dossier = try session.dossier(number)
        let now = Instant(Date())
        var sheet = session.store.sheet(reviewer: session.login, dossier: dossier.number)
            ?? ScoreSheet(dossier: dossier.number, reviewer: session.login, at: now)
        let edits = try parseEdits(l, grid: grid)
        do throws(SheetEditError) {
            if reopen && sheet.status == .submitted { sheet.reopen(at: now) }
            for edit in edits { try sheet.apply(edit, grid: grid, at: now) }
            if submit { try sheet.submit(grid: grid, at: now) }
        } catch {
            throw Failure(error.message(grid: grid, l))
        }
        do throws(StoreFailure) { try session.store.save(sheet) } catch { throw Failure(error.text(l)) }
        let total = Labels.total(sheet.weightedTotal(in: grid), l)
        Output.write(l.text(.sheetSavedWeightedTotalN, ["number": dossier.number, "progress": Labels.progress(ReviewProgress(sheet), l), "total": total]))
    }

    private func parseEdits(_ l: Language, grid: [Criterion]) throws -> [SheetEdit] {
        var edits: [SheetEdit] = []
        for pair in values {
            let (key, text) = try split(pair, l)
            guard let value = Int(text) else {
                throw Failure(l.text(.theValueMustBeAWholeNumber, ["pair": pair]))
            }
            edits.append(.setValue(criterion: key, value: value))
        }
        for pair in comments {
            let (key, text) = try split(pair, l)
            edits.append(.setComment(criterion: key, text: text))
        }
        if let overall { edits.append(.setOverall(overall)) }
        if let recommend { edits.append(.setRecommendation(recommend)) }
        return edits
    }

    private func split(_ pair: String, _ l: Language) throws -> (String, String) {
        guard let equals = pair.firstIndex(of: "=") else {
            throw Failure(l.text(.expectedCRITERIONVALUE, ["pair": pair]))
        }
        return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
    }
}

extension Recommendation: ExpressibleByArgument {}
