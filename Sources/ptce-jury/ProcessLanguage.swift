import ArgumentParser
import Foundation
import JuryCore

extension Language {
    /// The language of what is written before any command is parsed — the help of every command and
    /// option, and the parser's validation messages: `--lang` among the arguments, else the locale
    /// variables, as `resolve` decides. ArgumentParser reads help texts when it first uses a command
    /// type, so the language cannot wait for the parsed `--lang`.
    static let ofThisProcess = Language.resolve(
        flag: ServerAddress.value(of: "--lang", in: Array(CommandLine.arguments.dropFirst())),
        environment: ProcessInfo.processInfo.environment)
}

extension ArgumentHelp {
    /// The help of an argument, an option or a flag, from the catalog in the language of this process.
    static func text(_ key: TextKey) -> ArgumentHelp { ArgumentHelp(Language.ofThisProcess.text(key)) }
}

extension ValidationError {
    /// A refusal of the arguments as given, from the catalog in the language of this process.
    init(_ key: TextKey) { self.init(Language.ofThisProcess.text(key)) }
}
