#!/usr/bin/env bash
# Real captures of the console on the bundled demo campaign (data/) at 120×40: the built
# binary runs under tmux, each screen is captured with its attributes and colours
# (capture-pane -e) and rendered by render_screenshot.py to screenshots/NN-name.png.
# Run after `swift build`. Tracked files in data/ are never written: the demo campaign
# works in data/.demo-work (git-ignored), removed first so that every run starts clean.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/debug/ptce-jury
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
fail() { echo "screenshots.sh: $*" >&2; exit 1; }
[[ -x $binary ]] || fail "$binary is missing: run swift build first"
[[ -f data/campaign.json ]] || fail "no demo campaign in data/"

# What capturing and rendering need: installed when running as root, named otherwise.
missing=()
command -v tmux >/dev/null || missing+=(tmux)
[[ -f $font ]] || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
    [[ $(id -u) == 0 ]] || fail "needs ${missing[*]}: sudo apt-get install -y ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install --quiet pillow \
    || fail "needs Pillow: python3 -m pip install pillow"

rm -rf data/.demo-work
work=$(mktemp -d)
socket=ptce-screenshots-$$
tmux() { command tmux -u -L "$socket" -f /dev/null "$@"; }
trap 'tmux kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

# A reviewer of the demo jury, a search word that few dossier names share (the longest of
# those in two or three names), the number of criteria of the grid, and a dossier on which the
# reviewer and someone else submitted their sheets (its jury's scores are then shown).
read -r reviewer term criteria scored < <(python3 - <<'EOF'
import collections, glob, json, os, re
members = json.load(open("data/jury.json"))["members"]
dossiers = json.load(open("data/dossiers.json"))
dossiers = dossiers["dossiers"] if isinstance(dossiers, dict) else dossiers
names = [d["name"] for d in dossiers]
counts = collections.Counter(w for n in names for w in {w.lower() for w in re.findall(r"\w{5,}", n)})
rare = sorted((-len(w), w) for w, c in counts.items() if 2 <= c <= 3)
reviewer = next(m["login"] for m in members if m["role"] == "rapporteur")
def submitted(login):
    return {int(os.path.basename(p)[:-5]) for p in glob.glob(f"data/reviewers/{login}/sheets/*.json")
            if json.load(open(p))["status"] == "soumis"}
others = set().union(*(submitted(m["login"]) for m in members if m["login"] != reviewer))
print(reviewer, rare[0][1] if rare else names[0].split()[0],
      len(json.load(open("data/campaign.json"))["criteria"]), min(submitted(reviewer) & others))
EOF
)

tmux start-server \; set-option -g status off \; set-option -g default-terminal tmux-256color \; \
    new-session -d -x 120 -y 40 -e LANG=C.UTF-8 -e NO_COLOR= -- "$binary" --data data --reviewer "$reviewer"

# Polls until the screen differs from the last one settled on and holds still between two
# looks; the short sleep only paces the polling.
last=""
settle() {
    local previous="" screen deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
        screen=$(tmux capture-pane -p)
        if [[ $screen != "$last" && $screen == "$previous" && -n ${screen//[[:space:]]/} ]]; then
            last=$screen
            return
        fi
        previous=$screen
        sleep 0.1
    done
    fail "the screen did not change after: $1"$'\n'"$screen"
}
keys() { tmux send-keys -- "$@"; settle "$*"; }
# Polls until the screen shows `text` (a passing message gives way to the séance's banner).
until_shown() {
    local deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
        last=$(tmux capture-pane -p)
        [[ $last == *"$1"* ]] && return
        sleep 0.1
    done
    fail "never shown: $1"$'\n'"$last"
}
text() { tmux send-keys -l -- "$1"; settle "$1"; }

# The cursor is drawn only where the console shows it (a text field being edited).
shot() {
    local flag position cursor=()
    tmux capture-pane -e -N -p >"$work/$1.ans"
    read -r flag position < <(tmux display-message -p '#{cursor_flag} #{cursor_x},#{cursor_y}')
    [[ $flag == 1 ]] && cursor=(--cursor "$position")
    python3 scripts/render_screenshot.py "$work/$1.ans" "screenshots/$1.png" --columns 120 --rows 40 "${cursor[@]}"
    echo "screenshots/$1.png"
}

settle "start";                      shot 01-dossiers
keys /; text "$term";                shot 02-recherche
keys Enter; keys Enter;              shot 03-dossier
# Two scores, then the first criterion's comment (after every criterion's score), left open.
keys e; keys 4; keys j; keys 3; keys g
for ((i = 0; i < criteria; i++)); do keys j; done
keys Enter; text "Coopération ancienne et solide, gouvernance encore à partager"
                                     shot 04-fiche
# Enter keeps the comment (Esc would put it back as it was), Esc leaves the sheet.
keys Enter; keys Escape; keys '?';   shot 05-aide
# Help, dossier and search closed; the dossier both scored, at its jury's scores.
keys Escape; keys Escape; keys Escape
keys /; text "$scored"; keys Enter; keys Enter; keys v
                                     shot 06-notes-du-jury
# The chair's allocation board, then the optimal proposal adopted.
chair=$(python3 -c 'import json; print(next(m["login"] for m in json.load(open("data/jury.json"))["members"] if m["role"] == "president"))')
# The chair has assigned the rapporteurs (in the demo's working copy): the board counts their sheets.
"$binary" assign --auto --data data --reviewer "$chair" >/dev/null
tmux respawn-pane -k -- "$binary" --data data --reviewer "$chair"
settle "the chair's console"
keys a;                              shot 07-attribution
keys p; keys o;                      shot 08-proposition
# Back on the list: the rapporteurs' progress, then the chair's choice of a dossier's rapporteurs.
keys Escape; keys r;                 shot 09-avancement
keys Escape; keys R;                 shot 10-rapporteurs
# The séance: opened from the board (its place, its secretary, those present ticked), a dossier
# put in discussion, which the chair's console follows like every other; then the finalisation's checklist.
keys Escape; keys a; keys s; text "Paris, salle 4"; keys Enter; text "amartin"; keys Enter; keys Enter
keys j; keys j; keys e; until_shown "Séance n° 1"
                                     shot 11-seance
keys Escape; keys F;                 shot 12-verification
# A dossier's pièces justificatives, imported from the platform's ZIP export (a budget in PDF, as
# applicants send it), read in the dossier screen.
python3 scripts/pieces-export.py "$work/export.zip" "$scored"
"$binary" import "$work/export.zip" --data data --reviewer "$chair" >/dev/null
"$binary" session close --data data --reviewer "$chair" >/dev/null
tmux respawn-pane -k -- "$binary" --data data --reviewer "$chair"
settle "the chair's console, again"
keys /; text "$scored"; keys Enter; keys Enter
keys t
until_shown "budget-previsionnel.pdf"
                                     shot 13-pieces

if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [[ -n $(git status --porcelain -- data) ]]; then
    fail "data/ was modified: $(git status --porcelain -- data)"
fi
