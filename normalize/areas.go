package normalize

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// localArea recognises the local area in the title, else the one the text
// names most often. At each word the longest name starting there wins, so
// "Nottingham City Council" is not also counted as a shorter name inside
// it.
//
// It reads the text once, word by word: matching each of the lexicon's
// hundreds of names as its own pattern over the whole document cost more
// than the rest of normalisation together.
func localArea(doc *layout.Document, title string, areas []LocalArea) string {
	m := newAreaMatcher(areas)
	if a := m.best(title); a != "" {
		return a
	}
	var sb strings.Builder
	for _, b := range doc.Blocks {
		sb.WriteString(blockText(b))
		sb.WriteByte('\n')
	}
	return m.best(sb.String())
}

// areaMatcher finds local area names as whole words, case-sensitively.
type areaMatcher struct {
	// byFirst lists, per first word, the names starting with it, longest
	// first.
	byFirst map[string][]areaName
}

type areaName struct {
	area  string
	words []string
}

func newAreaMatcher(areas []LocalArea) areaMatcher {
	m := areaMatcher{byFirst: map[string][]areaName{}}
	for _, a := range areas {
		names := slices.Clone(a.Aliases)
		if !a.Strict {
			names = append(names, a.Name)
		}
		for _, n := range names {
			if w := nameWords(n); len(w) > 0 {
				m.byFirst[w[0]] = append(m.byFirst[w[0]], areaName{a.Name, w})
			}
		}
	}
	for _, list := range m.byFirst {
		slices.SortStableFunc(list, func(a, b areaName) int { return len(b.words) - len(a.words) })
	}
	return m
}

// nameWords splits text into its runs of letters and digits: punctuation
// and spacing between words do not matter ("Bournemouth, Christchurch and
// Poole").
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// best is the area named most often in s (the first by name on a tie), or
// "" when none is.
func (m areaMatcher) best(s string) string {
	counts := map[string]int{}
	words := nameWords(s)
	for i := 0; i < len(words); {
		n := m.longestAt(words, i)
		if n == nil {
			i++
			continue
		}
		counts[n.area]++
		i += len(n.words)
	}
	name, most := "", 0
	for k, v := range counts {
		if v > most || v == most && k < name {
			name, most = k, v
		}
	}
	return name
}

func (m areaMatcher) longestAt(words []string, i int) *areaName {
	for k, n := range m.byFirst[words[i]] {
		if i+len(n.words) <= len(words) && slices.Equal(words[i:i+len(n.words)], n.words) {
			return &m.byFirst[words[i]][k]
		}
	}
	return nil
}
