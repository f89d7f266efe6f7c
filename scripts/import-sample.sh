#!/usr/bin/env bash
# Writes again the fictitious export under data/import/sample/ (docs/IMPORT.md § The sample export).
# The generator is JuryImport's PlatformExport; the test that otherwise checks the files are what it
# writes is told to write them.
set -euo pipefail
cd "$(dirname "$0")/.."
PTCE_JURY_WRITE_IMPORT_SAMPLE=1 swift test --disable-swift-testing --filter ImportSampleTests/testTheSampleIsWhatTheGeneratorWrites
git status --short data/import/sample
