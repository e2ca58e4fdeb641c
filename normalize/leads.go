package normalize

import (
	"regexp"
	"strings"
	"unicode"
)

// leadParser splits lead cells into people (or job titles used as leads)
// and organisations.
type leadParser struct {
	orgWords   []string // folded
	orgs       map[string]bool
	titleWords map[string]bool
	acronyms   map[string]string
}

func newLeadParser(o Options, acronyms map[string]string) *leadParser {
	p := &leadParser{orgs: map[string]bool{}, titleWords: map[string]bool{}, acronyms: acronyms}
	for _, w := range o.OrgWords {
		p.orgWords = append(p.orgWords, fold(w))
	}
	for _, w := range o.Organisations {
		p.orgs[fold(w)] = true
	}
	for _, w := range o.TitleWords {
		p.titleWords[fold(w)] = true
	}
	return p
}

var (
	rePlaceholder = regexp.MustCompile(`(?i)\s*[-–—:]?\s*\(?\b(to be confirmed|to be appointed|tbc|tba|tbd|vacant|interim)\b\)?\.?\s*$`)
	reLeadsLabel  = regexp.MustCompile(`(?i)^\s*(joint\s+|named\s+|strategic\s+|lead\s+)?(leads?|lead officers?|responsible officers?|owners?)\s*:\s*`)
	// " and " before a new "Firstname Surname," in a prose list of leads.
	reAndPerson = regexp.MustCompile(`\s+and\s+([A-Z][a-z'’]+(?:[- ][A-Z][A-Za-z'’-]+)+,)`)
)

// Parse splits one lead cell (or a "Leads:" sentence) into leads and lead
// organisations, in document order.
func (p *leadParser) Parse(s string) (leads, orgs []string) {
	s = reLeadsLabel.ReplaceAllString(strings.TrimSpace(s), "")
	for _, line := range strings.Split(s, "\n") {
		// A list wrapped over lines leaves its joiner at a line's end:
		// "Alex Doe &" / "Sam Roe".
		line = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line), "&/,;+"))
		line = strings.TrimSuffix(line, " and")
		line = splitAndPerson(line)
		for _, part := range strings.Split(line, "\n") {
			for _, e := range p.splitRuns(p.splitJoined(splitTop(part, " / ", ";"))) {
				l, o := p.entry(e)
				leads = append(leads, l...)
				orgs = append(orgs, o...)
			}
		}
	}
	return dedupe(leads, fold), p.dedupeOrgs(orgs)
}

// splitAndPerson puts a line break before each " and Firstname Surname,"
// outside brackets.
func splitAndPerson(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range reAndPerson.FindAllStringSubmatchIndex(s, -1) {
		if strings.Count(s[:m[0]], "(") != strings.Count(s[:m[0]], ")") {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString("\n")
		last = m[2]
	}
	b.WriteString(s[last:])
	return b.String()
}

// ParseOrgs splits a lead-organisations cell: one organisation a line. A
// cell that came through as one line (a reader that reflowed it) is split
// where a lower-case word meets a capitalised one, or after a bracket.
func (p *leadParser) ParseOrgs(s string) []string {
	var out []string
	lines := strings.Split(s, "\n")
	for _, line := range lines {
		t := strings.TrimFunc(oneLine(line), isLeadPadding)
		if t == "" {
			continue
		}
		if len(lines) == 1 {
			out = append(out, splitReflowed(t)...)
			continue
		}
		out = append(out, t)
	}
	return p.dedupeOrgs(out)
}

var (
	reAfterBracket = regexp.MustCompile(`\) ([A-Z])`)
	reCaseBoundary = regexp.MustCompile(`\b([a-z][a-z]+) ([A-Z][a-z])`)
)

// splitReflowed splits text whose line breaks were lost: after a closing
// bracket followed by a capital, and where a lower-case word other than a
// small word is followed by a capitalised one.
func splitReflowed(s string) []string {
	s = reAfterBracket.ReplaceAllString(s, ")\n$1")
	s = reCaseBoundary.ReplaceAllStringFunc(s, func(m string) string {
		w, rest, _ := strings.Cut(m, " ")
		if acronymStopWords[w] {
			return m
		}
		return w + "\n" + rest
	})
	var out []string
	for _, t := range strings.Split(s, "\n") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// splitRuns splits entries that hold several leads run together by a
// reader that lost the line breaks: "Alex Doe Sam Roe" or
// "Kit Moe (Head ...) Lee Poe (Head ...)".
func (p *leadParser) splitRuns(entries []string) []string {
	var out []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if parts := splitTop(reAfterBracket.ReplaceAllString(e, ")\x00$1"), "\x00"); len(parts) > 1 {
			out = append(out, p.splitRuns(parts)...)
			continue
		}
		out = append(out, p.splitNames(e)...)
	}
	return out
}

// splitNames splits a bracket-free run of capitalised words into names of
// two words each when every pair is a personal name.
func (p *leadParser) splitNames(e string) []string {
	words := strings.Fields(strings.ReplaceAll(e, "- ", "-"))
	if len(words) < 4 || len(words)%2 != 0 || strings.ContainsAny(e, "(),") {
		return []string{e}
	}
	var names []string
	for i := 0; i < len(words); i += 2 {
		n := words[i] + " " + words[i+1]
		if !isPersonName(n, p) {
			return []string{e}
		}
		names = append(names, n)
	}
	return names
}

// isLeadPadding is what an entry's ends may hold that is not part of it:
// any white space (a vertical tab beside a comma is still nothing) and the
// punctuation of a list.
func isLeadPadding(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".,;/", r) }

// entry classifies one lead entry.
func (p *leadParser) entry(e string) (leads, orgs []string) {
	e = strings.TrimSpace(oneLine(e))
	e = rePlaceholder.ReplaceAllString(e, "")
	e = strings.TrimFunc(e, isLeadPadding)
	if e == "" {
		return nil, nil
	}
	segs := splitTop(e, ", ")
	first, bracket := cutBracket(segs[0])
	// "Name, Role, Organisation", "Name (Role, Organisation)", "A, B, C".
	if isPersonName(first, p) {
		allNames := bracket == ""
		for _, s := range segs[1:] {
			if !isPersonName(s, p) {
				allNames = false
			}
		}
		if allNames {
			return segs, nil
		}
		if bracket != "" {
			orgs = append(orgs, p.bracketOrgs(bracket)...)
		}
		names := []string{first}
		var rest []string
		for _, s := range segs[1:] {
			if ns := p.namesIn(s); ns != nil && len(rest) == 0 {
				names = append(names, ns...)
				continue
			}
			rest = append(rest, s)
		}
		orgs = append(orgs, p.orgsIn(rest)...)
		return names, orgs
	}
	// "A and B" where both are people.
	if parts := strings.Split(e, " and "); len(parts) > 1 {
		all := true
		for _, s := range parts {
			if !isPersonName(strings.TrimSpace(s), p) {
				all = false
			}
		}
		if all {
			for _, s := range parts {
				leads = append(leads, strings.TrimSpace(s))
			}
			return leads, nil
		}
	}
	if !strings.ContainsAny(e, " \t") && !p.isTitle(e) {
		// One word that is no title: an acronym standing for a post
		// ("DCO") is a lead; any other ("HPCI", "Parents4Change") names
		// an organisation.
		if full, ok := p.acronyms[e]; ok && p.isTitle(full) && !p.isOrg(full) {
			return []string{e}, nil
		}
		return nil, []string{e}
	}
	head, inner := cutBracket(e)
	if p.isTitle(head) {
		return p.titleEntry(e, head, inner)
	}
	// "South Tees CCG, TEWV and STHFT": a list of organisations.
	if parts := splitTop(e, ", ", " and "); len(parts) > 1 {
		all := true
		for _, part := range parts {
			if !p.orgLike(part) {
				all = false
			}
		}
		if all {
			return nil, parts
		}
	}
	if p.isOrg(head) {
		return nil, []string{e}
	}
	return []string{e}, nil
}

// titleEntry reads a job title used as a lead, with the organisation it
// may name in a bracket or after a comma: "Head of Attendance (HCC)",
// "Chief Nurse, South Tees CCG", "Associate Director, Children's
// Commissioning (HWE ICB)". A comma that does not lead to an organisation
// is part of the title.
func (p *leadParser) titleEntry(e, head, inner string) (leads, orgs []string) {
	lead := e
	if inner != "" {
		if o := p.bracketOrgs(inner); len(o) > 0 {
			orgs, lead = o, head
		} else if full, ok := p.acronyms[inner]; ok && p.isTitle(full) {
			lead = head // "(DCO)" restates the post
		}
	}
	segs := splitTop(lead, ", ")
	var tail []string
	for len(segs) > 1 {
		last := segs[len(segs)-1]
		if !p.isOrg(last) || p.isTitle(last) {
			break
		}
		tail = append([]string{last}, tail...)
		segs = segs[:len(segs)-1]
	}
	return []string{strings.Join(segs, ", ")}, append(tail, orgs...)
}

// bracketOrgs returns the organisations a bracket names: "(HCC)" where the
// document expands HCC to an organisation, "(Chair, Parents4Change)" whose
// part after a role is the employer, "(South Tees CCG)".
func (p *leadParser) bracketOrgs(inner string) []string {
	segs := splitTop(inner, ", ")
	if len(segs) == 1 {
		if isAcronymOnly(inner) {
			if p.acronymOrg(inner) {
				return []string{inner}
			}
			return nil
		}
		return p.orgsIn(segs)
	}
	if o := p.orgsIn(segs); len(o) > 0 {
		return o
	}
	// "Role, Org": what follows a role is who the person works for.
	if last := segs[len(segs)-1]; p.isTitle(segs[0]) && !p.isTitle(last) && (p.isOrg(last) || coined(last)) {
		return []string{last}
	}
	return nil
}

// ownAcronym reports whether acr is the acronym of name: the document
// expands it to name, or name's initials end with it.
func (p *leadParser) ownAcronym(name, acr string) bool {
	if full, ok := p.acronyms[acr]; ok && fold(full) == fold(name) {
		return true
	}
	return strings.HasSuffix(initials(strings.Fields(name)), acr)
}

// initials spells words as an acronym would: a word in capitals whole, any
// other its first letter, small words ("of", "and") left out.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		w = strings.Trim(w, "(),.;'’")
		switch {
		case w == "" || acronymStopWords[strings.ToLower(w)]:
		case allUpper(w):
			b.WriteString(w)
		default:
			b.WriteString(strings.ToUpper(w[:1]))
		}
	}
	return b.String()
}

// acronymOrg reports whether the document expands an acronym to an
// organisation.
func (p *leadParser) acronymOrg(a string) bool {
	full, ok := p.acronyms[a]
	return ok && p.isOrg(full) && !p.isTitle(full)
}

// orgLike reports whether s can stand alone as an organisation: one that
// isOrg knows, or a single capitalised token that is no title ("TEWV",
// "Parents4Change").
func (p *leadParser) orgLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || p.isTitle(s) {
		return false
	}
	if p.isOrg(s) {
		return true
	}
	return !strings.ContainsAny(s, " \t") && (allUpper(s) && len(s) > 1 || coined(s)) && !p.isKnownNonOrg(s)
}

// isKnownNonOrg reports whether the document expands s to something that
// is neither an organisation nor a post ("SEN": special educational needs).
func (p *leadParser) isKnownNonOrg(s string) bool {
	full, ok := p.acronyms[s]
	return ok && !p.isOrg(full) && !p.isTitle(full)
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// splitJoined splits entries at "&", " and " and "/" where both sides can
// stand alone as a lead ("Alex Doe & Sam Roe", "Kit Moe
// and DCO"); "Director of Inclusion and Skills" and "SEN & Vulnerable
// Learners Service" stay whole. Joins are tried from the last, so that
// "Director of Inclusion and Skills (HCC) and Chief Digital Officer" splits
// before "Chief".
func (p *leadParser) splitJoined(entries []string) []string {
	var out []string
	for _, e := range entries {
		out = append(out, p.splitJoin(e)...)
	}
	return out
}

func (p *leadParser) splitJoin(e string) []string {
	for _, sep := range []string{"&", " and ", "/"} {
		at := topLevelIndexes(e, sep)
		for k := len(at) - 1; k >= 0; k-- {
			left, right := strings.TrimSpace(e[:at[k]]), strings.TrimSpace(e[at[k]+len(sep):])
			// "Name, Role, A and B": what is joined may be the
			// organisation's own name; splitAndPerson splits people.
			if left == "" || right == "" || len(splitTop(left, ", ")) > 1 {
				continue
			}
			if p.standsAlone(left, true) && p.standsAlone(right, false) && !p.continuesTitle(left, right) {
				return append(p.splitJoin(left), p.splitJoin(right)...)
			}
		}
	}
	return []string{e}
}

// topLevelIndexes returns where sep occurs in s outside brackets.
func topLevelIndexes(s, sep string) []int {
	var out []int
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			out = append(out, i)
		}
	}
	return out
}

// standsAlone reports whether s is a whole lead by itself: a person's name
// (with a role after it), a job title, an organisation, or one token the
// document expands to a post or organisation, or that is written like a
// name of its own ("Parents4Change").
//
// An acronym the document does not expand stands alone only after the
// first part: "Kit Moe and DCO", but "SEN & Vulnerable Learners
// Service" is one name.
func (p *leadParser) standsAlone(s string, leading bool) bool {
	head, _ := cutBracket(strings.TrimSpace(s))
	first := strings.TrimSpace(splitTop(head, ", ")[0])
	if first == "" {
		return false
	}
	if !strings.ContainsAny(first, " \t") {
		if full, ok := p.acronyms[first]; ok {
			return p.isTitle(full) || p.isOrg(full) || !leading && properName(full)
		}
		return p.isTitle(first) || coined(first) || !leading && allUpper(first) && len(first) > 1
	}
	return isPersonName(first, p) || p.isTitle(first) || p.isOrg(first)
}

// continuesTitle reports whether b, joined to the title a by "&" or "and",
// more likely continues the title's subject ("Head of SEN & Vulnerable
// Learners") than names a second lead: a title ending in "of ..." followed
// by words that are no title, organisation or known acronym.
func (p *leadParser) continuesTitle(a, b string) bool {
	if !p.isTitle(a) || !strings.Contains(" "+strings.ToLower(a)+" ", " of ") {
		return false
	}
	head, _ := cutBracket(strings.TrimSpace(b))
	if p.isTitle(head) || p.isOrg(head) {
		return false
	}
	if _, ok := p.acronyms[head]; ok {
		return false
	}
	return true
}

// properName reports whether every word of s longer than three letters
// is capitalised: the expansion of an acronym that names a body ("Herts
// Parent Carer Involvement"), not a thing ("special educational needs").
func properName(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		if len(w) <= 3 {
			continue
		}
		if !startsUpper(w) {
			return false
		}
		n++
	}
	return n > 0
}

// coined reports whether a single word is written as a name of its own:
// a capital inside it or a digit ("Parents4Change", "KIDS" is not).
func coined(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) || strings.ContainsAny(w, " \t") {
		return false
	}
	lower := false
	for _, r := range rs[1:] {
		if unicode.IsLower(r) {
			lower = true
		}
	}
	for _, r := range rs[1:] {
		if unicode.IsDigit(r) || lower && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// namesIn returns the people s names: one name, or "A and B"; nil if s is
// not made of names.
func (p *leadParser) namesIn(s string) []string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "and "))
	if isPersonName(s, p) {
		return []string{s}
	}
	parts := strings.Split(s, " and ")
	if len(parts) < 2 {
		return nil
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
		if !isPersonName(parts[i], p) {
			return nil
		}
	}
	return parts
}

// orgsIn returns the organisations among the segments of a role: the last
// segment that names one (split at "and" when both halves do), or a
// bracketed organisation inside a segment.
func (p *leadParser) orgsIn(segs []string) []string {
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.Trim(segs[i], " .,;")
		head, inner := cutBracket(s)
		if head == "" && inner != "" {
			if o := p.orgsIn(splitTop(inner, ", ")); len(o) > 0 {
				return o
			}
			continue
		}
		// "Children's Services (HCC)": the organisation is the bracket's,
		// unless the bracket is the name's own acronym ("Nottinghamshire
		// County Council (NCC)").
		if inner != "" && isAcronymOnly(inner) && p.acronymOrg(inner) && !p.ownAcronym(head, inner) {
			return []string{inner}
		}
		if p.isOrg(head) && !p.isTitle(head) {
			return p.splitOrgs(s)
		}
		if inner != "" && !isAcronymOnly(inner) {
			ih, _ := cutBracket(inner)
			if p.isOrg(ih) {
				return p.splitOrgs(inner)
			}
		}
	}
	return nil
}

// splitOrgs splits "A and B" at the first "and" where both sides name an
// organisation; otherwise s is one organisation.
func (p *leadParser) splitOrgs(s string) []string {
	idx := 0
	for {
		i := strings.Index(s[idx:], " and ")
		if i < 0 {
			return []string{s}
		}
		i += idx
		a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+5:])
		if p.endsOrg(a) && p.isOrg(b) {
			return append([]string{a}, p.splitOrgs(b)...)
		}
		idx = i + 5
	}
}

func isAcronymOnly(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && !strings.Contains(s, " ") && allUpper(s)
}

// isOrg reports whether s names an organisation: a known one, one that
// contains an organisation word, or an acronym the document expands to one.
func (p *leadParser) isOrg(s string) bool {
	f := fold(s)
	if f == "" {
		return false
	}
	if p.orgs[f] {
		return true
	}
	words := strings.Fields(f)
	for _, w := range p.orgWords {
		if containsPhrase(words, strings.Fields(w)) {
			return true
		}
	}
	for _, tok := range strings.Fields(s) {
		tok = strings.Trim(tok, "(),.;")
		if allUpper(tok) && len(tok) > 1 {
			for _, w := range p.orgWords {
				if !strings.Contains(w, " ") && len(w) <= 4 && strings.HasSuffix(strings.ToLower(strings.TrimSuffix(tok, "s")), w) {
					return true
				}
			}
		}
		if full, ok := p.acronyms[tok]; ok && tok != "" && allUpper(tok) {
			if p.orgs[fold(full)] || containsAnyPhrase(strings.Fields(fold(full)), p.orgWords) {
				return true
			}
		}
	}
	return false
}

// endsOrg reports whether s ends in what makes it an organisation ("NCC
// Public Health", "Bassetlaw CCG"), as the first half of "A and B" must
// for the two to be split; "NHS Nottingham and Nottinghamshire ICB" is one.
func (p *leadParser) endsOrg(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for n := 1; n <= 3 && n <= len(words); n++ {
		if p.isOrg(strings.Join(words[len(words)-n:], " ")) {
			if n == 1 || !p.isOrg(strings.Join(words[len(words)-n:len(words)-1], " ")) {
				return true
			}
		}
	}
	return false
}

// isTitle reports whether s reads as a job title ("Assistant Director ...").
func (p *leadParser) isTitle(s string) bool {
	head, _ := cutBracket(s)
	for _, w := range strings.Fields(fold(head)) {
		if p.titleWords[w] {
			return true
		}
	}
	return false
}

func containsAnyPhrase(words []string, phrases []string) bool {
	for _, ph := range phrases {
		if containsPhrase(words, strings.Fields(ph)) {
			return true
		}
	}
	return false
}

func containsPhrase(words, phrase []string) bool {
	return len(phrase) > 0 && indexPhrase(words, phrase) >= 0
}

// cutBracket splits "Name (role (more))" into "Name" and "role (more)"; a
// bracket that is not at the end is left in place.
func cutBracket(s string) (head, inner string) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return strings.TrimRight(strings.TrimSpace(s[:i]), ","), strings.TrimSpace(s[i+1 : len(s)-1])
			}
		}
	}
	return s, ""
}

// splitTop splits s at any of seps outside brackets.
func splitTop(s string, seps ...string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		}
		if depth > 0 {
			continue
		}
		for _, sep := range seps {
			if strings.HasPrefix(s[i:], sep) {
				if t := strings.TrimSpace(s[start:i]); t != "" {
					out = append(out, t)
				}
				start = i + len(sep)
				i += len(sep) - 1
				break
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	if len(out) == 0 {
		out = []string{strings.TrimSpace(s)}
	}
	return out
}

var nameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "da": true, "le": true, "la": true, "du": true, "del": true, "bin": true}

// isPersonName reports whether s looks like a personal name: two to four
// capitalised words (hyphens and apostrophes allowed, "Doe- Roe"
// too), none of them an organisation or title word.
func isPersonName(s string, p *leadParser) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	s = strings.ReplaceAll(s, "- ", "-")
	s = strings.ReplaceAll(s, " -", "-")
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		if nameParticles[w] && i > 0 && i < len(words)-1 {
			continue
		}
		if !isNameWord(w) {
			return false
		}
		lw := strings.ToLower(strings.Trim(w, "."))
		if p != nil && (p.titleWords[lw] || p.orgWordSet()[lw]) {
			return false
		}
		if allUpper(w) && len(w) > 1 && !(len(w) == 2 && strings.HasSuffix(w, ".")) {
			return false // an acronym
		}
	}
	if p != nil && p.isOrg(s) {
		return false
	}
	return true
}

func isNameWord(w string) bool {
	rs := []rune(w)
	if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for _, r := range rs[1:] {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && r != '.' {
			return false
		}
	}
	return true
}

func (p *leadParser) orgWordSet() map[string]bool {
	m := map[string]bool{}
	for _, w := range p.orgWords {
		if !strings.Contains(w, " ") {
			m[w] = true
		}
	}
	return m
}

// dedupeOrgs drops repeats of an organisation, comparing names with the
// document's acronyms expanded and a bracketed acronym dropped.
func (p *leadParser) dedupeOrgs(orgs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, o := range orgs {
		k, a := p.orgKey(o), orgInitials(o)
		if o == "" || seen[k] || a != "" && seen["#"+a] {
			continue
		}
		seen[k] = true
		if a != "" {
			seen["#"+a] = true
		}
		out = append(out, o)
	}
	return out
}

// orgInitials spells an organisation's name as an acronym ("Nottingham and
// Nottinghamshire CCG" and "NNCCG CCG" are both NNCCG), or "" when that is
// too short to tell organisations apart.
func orgInitials(s string) string {
	if head, inner := cutBracket(s); inner != "" && isAcronymOnly(inner) {
		s = head
	}
	words := strings.Fields(strings.ReplaceAll(s, "&", "and"))
	if n := len(words); n >= 2 && allUpper(words[n-1]) && allUpper(words[n-2]) && strings.HasSuffix(words[n-2], words[n-1]) {
		words = words[:n-1]
	}
	if acr := initials(words); len(acr) >= 4 {
		return acr
	}
	return ""
}

func (p *leadParser) orgKey(s string) string {
	head, inner := cutBracket(s)
	if inner != "" && isAcronymOnly(inner) {
		s = head
	}
	var words []string
	for _, tok := range strings.Fields(s) {
		t := strings.Trim(tok, "(),.;")
		if full, ok := p.acronyms[t]; ok && allUpper(t) {
			words = append(words, full)
			continue
		}
		if full, ok := p.acronyms[strings.TrimSuffix(t, "s")]; ok && allUpper(strings.TrimSuffix(t, "s")) {
			words = append(words, full+"s")
			continue
		}
		words = append(words, tok)
	}
	return fold(strings.ReplaceAll(strings.Join(words, " "), "&", "and"))
}

func dedupe(in []string, key func(string) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		k := key(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
