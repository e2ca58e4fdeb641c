package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OrgAcronym is one organisation acronym known in advance
// (normalize.org_acronyms): national bodies and kinds of body every local
// area uses, which a document seldom spells out.
type OrgAcronym struct {
	Acronym string `mapstructure:"acronym"`
	Name    string `mapstructure:"name"`
}

// CanonicalOrg is an organisation's name as item_orgs.org_canonical gives
// it, so spellings of one organisation group together: every acronym the
// document defines (acronyms, may be nil) or known expanded ("South Tees
// CCG" is "South Tees Clinical Commissioning Group"), a bracketed acronym
// after the name dropped, "&" written "and", and words in lower case given
// a capital ("Middlesbrough council" is "Middlesbrough Council"), except
// the small words of a name.
func CanonicalOrg(org string, acronyms map[string]string, known []OrgAcronym) string {
	org = oneLine(org)
	if head, inner := cutBracket(org); inner != "" && isAcronymOnly(inner) && head != "" {
		org = head
	}
	expand := func(w string) (string, bool) {
		if !allUpper(w) {
			return "", false
		}
		if full, ok := acronyms[w]; ok {
			return full, true
		}
		for _, k := range known {
			if k.Acronym == w {
				return k.Name, true
			}
		}
		return "", false
	}
	var out []string
	for _, tok := range strings.Fields(strings.ReplaceAll(org, "&", " and ")) {
		w := strings.Trim(tok, "(),.;:")
		if w == "" {
			continue
		}
		if full, ok := expand(w); ok {
			out = append(out, strings.Fields(full)...)
			continue
		}
		if base, ok := strings.CutSuffix(w, "s"); ok {
			if full, ok := expand(base); ok {
				out = append(out, strings.Fields(full+"s")...)
				continue
			}
		}
		out = append(out, w)
	}
	for i, w := range out {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && acronymStopWords[lw]:
			out[i] = lw
		case w == lw:
			r, n := utf8.DecodeRuneInString(w)
			out[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	return strings.Join(out, " ")
}
