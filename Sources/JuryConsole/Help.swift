import JuryCore

// Which key table has the keyboard. The help (`?`, in the pager), the key bar and the README's
// keys table all read these tables, which the screens dispatch their keys through.

extension ConsoleState {
    /// The table of the screen or text field under any pager, then the keys that work everywhere.
    var screenTable: KeyTable {
        var table = conflictField != nil
            ? KeyTable(title: Localized(.screenConflict), lines: ConflictField.bindings.map(\.line))
            : top.component.keys(context)
        table.lines += globalLines
        return table
    }

    /// What has the keyboard now: the pager when it is open, else the screen.
    var keyTable: KeyTable {
        if steppedOut { return KeyTable(title: Localized(.screenSteppedOut), lines: globalLines) }
        guard pager != nil else { return screenTable }
        return KeyTable(title: Localized(.screenReading), lines: Pager.bindings.map(\.line) + globalLines)
    }

    private var globalLines: [KeyLine] {
        globalBindings.map { binding in
            var line = binding.line
            line.pinned = true
            return line
        }
    }
}
