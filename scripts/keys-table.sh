#!/bin/sh
# Writes the README's keys table from the console's key tables (the test that checks it, with
# UPDATE_README=1): the table cannot disagree with the keys the console dispatches.
set -eu
cd "$(dirname "$0")/.."
UPDATE_README=1 swift test --disable-swift-testing --filter JuryConsoleTests.KeyTableTests/testTheReadmeKeysTableIsTheKeyTables
