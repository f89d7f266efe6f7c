/// Every text that comes from a file goes through the Sanitizer once, on load.
extension Dossier {
    public func sanitized() -> Dossier {
        var d = self
        let line = Sanitizer.line, text = Sanitizer.text
        d.name = line(name)
        d.structure.raisonSociale = line(structure.raisonSociale)
        d.structure.siret = line(structure.siret)
        d.structure.legalForm = line(structure.legalForm)
        d.structure.rna = structure.rna.map(line)
        d.address.commune = line(address.commune)
        d.address.communeCode = line(address.communeCode)
        d.address.department = address.department.sanitized()
        d.address.region = address.region.sanitized()
        d.sector = line(sector)
        d.members = members.map { Member(name: line($0.name), category: $0.category, siret: $0.siret.map(line)) }
        d.budget.cofinancing = budget.cofinancing.map { CofinancingLine(source: line($0.source), amount: $0.amount) }
        d.narrative = Narrative(presentation: text(narrative.presentation), cooperation: text(narrative.cooperation),
                                economicModel: text(narrative.economicModel), animation: text(narrative.animation),
                                impact: text(narrative.impact), scaling: text(narrative.scaling))
        d.attachments = attachments.map { Attachment(name: line($0.name), size: $0.size) }
        d.pieces = pieces?.map { piece in
            var clean = piece
            clean.name = line(piece.name)
            clean.type = line(piece.type)
            clean.text = piece.text.map(text)
            clean.note = piece.note.map(line)
            return clean
        }
        return d
    }
}

extension Area {
    func sanitized() -> Area { Area(code: Sanitizer.line(code), name: Sanitizer.line(name)) }
}

extension ScoreSheet {
    /// Another reviewer's words are as untrusted as an applicant's.
    public func sanitized() -> ScoreSheet {
        var s = self
        s.reviewer = Sanitizer.line(reviewer)
        s.comments = comments.mapValues(Sanitizer.text)
        s.overall = Sanitizer.text(overall)
        return s
    }
}

extension Jury {
    public func sanitized() -> Jury {
        var j = self
        j.members = members.map { $0.sanitized() }
        return j
    }
}

extension JuryMember {
    public func sanitized() -> JuryMember {
        JuryMember(login: Sanitizer.line(login), name: Sanitizer.line(name), role: role,
                   conflicts: conflicts.map { ConflictOfInterest(dossier: $0.dossier, reason: Sanitizer.line($0.reason),
                                                                 recordedBy: $0.recordedBy.map(Sanitizer.line)) },
                   region: region.map(Sanitizer.line))
    }
}

extension Campaign {
    public func sanitized() -> Campaign {
        var c = self
        c.title = Sanitizer.line(title)
        c.notice = notice.map(Sanitizer.text)
        c.mandate = mandate.map(Sanitizer.text)
        c.legalBasis = legalBasis.map(Sanitizer.text)
        c.criteria = criteria.map { criterion in
            var k = criterion
            k.label = Sanitizer.line(k.label)
            k.labelEn = k.labelEn.map(Sanitizer.line)
            k.description = Sanitizer.text(k.description)
            k.scale.levels = k.scale.levels.map { Level(value: $0.value, label: Sanitizer.line($0.label)) }
            return k
        }
        return c
    }
}
