import Foundation
import JuryCore

/// Opens the interactive console on the session's campaign.
func openConsole(_ session: Session) throws {
    throw Failure(session.language.pick("La console arrive : utilisez ptce-jury list.", "The console is coming: use ptce-jury list."))
}
