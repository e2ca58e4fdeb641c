package pdflayout

import "math"

// matrix is a PDF transformation matrix [a b c d e f], mapping (x, y) to
// (a*x + c*y + e, b*x + d*y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: apply m first, then n. PDF concatenates a new cm
// operand in front of the current CTM, so the new CTM is operand.mul(ctm).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// apply maps the point (x, y).
func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scaleY is how long a unit vertical vector becomes: the rendered size of a
// 1-unit font.
func (m matrix) scaleY() float64 { return math.Hypot(m[2], m[3]) }

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }
