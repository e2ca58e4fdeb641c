package report

import (
	"unicode"
)

// wordOp is one run of a word-level edit: kept, deleted or inserted text.
type wordOp struct {
	Op   string // "=", "-" or "+"
	Text string
}

// maxDiffWords bounds the quadratic work of wordDiff; longer texts are shown
// as replaced whole.
const maxDiffWords = 1500

// wordDiff shows how before became after, word by word (a longest common
// subsequence of words).
func wordDiff(before, after string) []wordOp {
	a, b := words(before), words(after)
	if len(a) > maxDiffWords || len(b) > maxDiffWords {
		return []wordOp{{"-", before}, {"+", after}}
	}
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []wordOp
	emit := func(op, text string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, wordOp{op, text})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			emit("=", b[j])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			emit("-", a[i])
			i++
		default:
			emit("+", b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		emit("-", a[i])
	}
	for ; j < len(b); j++ {
		emit("+", b[j])
	}
	return out
}

// words splits s into tokens: runs of letters and digits, runs of spaces,
// and single other characters, so that "happens." and "happens when"
// share "happens". Joined, the tokens give s back.
func words(s string) []string {
	var out []string
	start := 0
	prev := rune(-1) // the class of the token being read: 'w' word, ' ' space, 'p' other
	for i, r := range s {
		class := 'p'
		switch {
		case unicode.IsSpace(r):
			class = ' '
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			class = 'w'
		}
		if i > 0 && (class != prev || class == 'p') {
			out = append(out, s[start:i])
			start = i
		}
		prev = class
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
