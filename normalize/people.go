package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
)

// Resolver groups the spellings of people's names into persons, within and
// across documents. Feed it every document's items (Add), then read the
// people (People). It is not safe for concurrent use; the CLI feeds it from
// one goroutine, in a stable document order.
type Resolver struct {
	maxEdits int
	// spellings seen, with the documents naming them and how often.
	seen  map[string]*spelling
	order []string
}

type spelling struct {
	text  string
	count int
	docs  map[string]bool
}

// NewResolver returns a resolver that treats two spellings as one person
// when first names and surnames each differ by at most maxEdits letters (or
// the first name is an initial of the other).
func NewResolver(maxEdits int) *Resolver {
	return &Resolver{maxEdits: maxEdits, seen: map[string]*spelling{}}
}

// Add records the people named as leads of items.
func (r *Resolver) Add(items []Item) {
	for _, it := range items {
		for _, l := range it.Leads {
			if !isPersonName(l, nil) {
				continue
			}
			sp, ok := r.seen[l]
			if !ok {
				sp = &spelling{text: l, docs: map[string]bool{}}
				r.seen[l] = sp
				r.order = append(r.order, l)
			}
			sp.count++
			sp.docs[it.DocID] = true
		}
	}
}

// People returns one Person per real person, sorted by name; the canonical
// name is the spelling met most often (the tidiest on a tie).
func (r *Resolver) People() []Person {
	n := len(r.order)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	keys := make([]nameKey, n)
	for i, s := range r.order {
		keys[i] = keyOf(s)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if samePerson(keys[i], keys[j], r.maxEdits) {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]string{}
	for i, s := range r.order {
		g := find(i)
		groups[g] = append(groups[g], s)
	}
	var out []Person
	for _, names := range groups {
		sort.SliceStable(names, func(a, b int) bool {
			sa, sb := r.seen[names[a]], r.seen[names[b]]
			if sa.count != sb.count {
				return sa.count > sb.count
			}
			if ua, ub := untidy(names[a]), untidy(names[b]); ua != ub {
				return ua < ub
			}
			return names[a] < names[b]
		})
		docs := map[string]bool{}
		for _, s := range names {
			for d := range r.seen[s].docs {
				docs[d] = true
			}
		}
		p := Person{Name: names[0], Variants: slices.Clone(names[1:])}
		for d := range docs {
			p.DocIDs = append(p.DocIDs, d)
		}
		sort.Strings(p.DocIDs)
		sort.Strings(p.Variants)
		p.ID = personID(p.Name)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// People resolves the people named in items in one pass.
func People(items []Item, maxEdits int) []Person {
	r := NewResolver(maxEdits)
	r.Add(items)
	return r.People()
}

func personID(name string) string {
	k := keyOf(name)
	sum := sha256.Sum256([]byte("person\x00" + k.first + " " + k.last))
	return "p_" + hex.EncodeToString(sum[:8])
}

// untidy counts spacing defects in a spelling ("Doe- Roe").
func untidy(s string) int {
	return strings.Count(s, "- ") + strings.Count(s, " -") + strings.Count(s, "  ")
}

var accents = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ú", "u", "ù", "u",
	"û", "u", "ü", "u", "ç", "c", "ñ", "n", "ý", "y", "ÿ", "y")

type nameKey struct {
	first, last string
	// middle holds the words between, for a stricter match.
	middle string
}

// keyOf folds a name for comparison: lower case, accents dropped, spaces
// around hyphens removed, hyphens and apostrophes dropped from the surname.
func keyOf(s string) nameKey {
	s = strings.ReplaceAll(s, "- ", "-")
	s = strings.ReplaceAll(s, " -", "-")
	words := strings.Fields(accents.Replace(strings.ToLower(s)))
	for i, w := range words {
		words[i] = strings.NewReplacer("-", "", "'", "", "’", "", ".", "").Replace(w)
	}
	if len(words) == 0 {
		return nameKey{}
	}
	k := nameKey{first: words[0], last: words[len(words)-1]}
	if len(words) > 2 {
		k.middle = strings.Join(words[1:len(words)-1], " ")
	}
	if len(words) == 1 {
		k.first = ""
	}
	return k
}

func samePerson(a, b nameKey, maxEdits int) bool {
	if a.last == "" || b.last == "" {
		return false
	}
	lastOK := a.last == b.last || len(a.last) >= 5 && len(b.last) >= 5 && editDistance(a.last, b.last) <= maxEdits
	if !lastOK {
		// "Doe-Roe" and "Roe": a double surname shortened.
		return false
	}
	switch {
	case a.first == b.first:
		return true
	case len(a.first) == 1 || len(b.first) == 1:
		return a.first[0] == b.first[0]
	case a.first[0] != b.first[0]:
		return false
	case a.last != b.last:
		return false // a typo in one half at a time
	default:
		return editDistance(a.first, b.first) <= maxEdits
	}
}

// editDistance is the Damerau-Levenshtein distance (adjacent swaps count
// one) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// DefaultPeopleMaxEdits is the edit budget ResolvePeople uses.
const DefaultPeopleMaxEdits = 1

// ResolvePeople is People with the default edit budget.
func ResolvePeople(items []Item) []Person { return People(items, DefaultPeopleMaxEdits) }

// SamePerson reports whether two spellings name one person by the
// Resolver's rule (first names and surnames each within maxEdits letters,
// or a first name's initial): reconcile compares linked items' leads so.
func SamePerson(a, b string, maxEdits int) bool {
	return samePerson(keyOf(a), keyOf(b), maxEdits)
}
