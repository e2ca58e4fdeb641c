package extract

import (
	"html"
	"regexp"
	"strings"
)

// Markdown's inline markup, reduced to its text.
var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]($|[\s).,;:!?])`)
	mdCode     = regexp.MustCompile("`+([^`]+)`+")
	mdEscape   = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>])`)
)

// inline folds whitespace within each line of s and, in markdown, drops
// inline markup: "**Lead:** [Jo](mailto:jo@x)" reads "Lead: Jo".
func (p *textParser) inline(s string) string {
	if strings.Contains(s, "\n") {
		var out []string
		for _, line := range strings.Split(s, "\n") {
			if line = p.inline(line); line != "" {
				out = append(out, line)
			}
		}
		return strings.Join(out, "\n")
	}
	s = strings.Join(strings.Fields(s), " ")
	if !p.markdown {
		return s
	}
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEmphasis.ReplaceAllString(s, "$1$2$3")
	s = mdEscape.ReplaceAllString(s, "$1")
	return strings.TrimSpace(html.UnescapeString(s))
}
