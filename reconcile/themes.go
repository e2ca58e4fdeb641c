package reconcile

import (
	"fmt"
	"slices"
	"strings"
)

// themesOf lists, sorted, the themes whose phrases occur in text (as whole
// words, case folded).
func themesOf(text string, themes map[string][]string) []string {
	padded := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}), " ") + " "
	var out []string
	for name, phrases := range themes {
		for _, p := range phrases {
			if strings.Contains(padded, " "+strings.Join(strings.Fields(strings.ToLower(p)), " ")+" ") {
				out = append(out, name)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// themed adds the evidence of shared themes. Like shared leads, a theme
// alone never makes a link: it strengthens a pair whose words already meet.
func (c *candidate) themed(a, b []string, opts Options) {
	if c.score == 0 || opts.Weights.SharedTheme <= 0 {
		return
	}
	var shared []string
	for _, t := range a {
		if slices.Contains(b, t) {
			shared = append(shared, t)
		}
	}
	if len(shared) == 0 {
		return
	}
	c.add(FeatureSharedTheme, float64(min(len(shared), 2)), opts.Weights.SharedTheme, "theme", fmt.Sprintf("both on %s", strings.Join(shared, ", ")))
}
