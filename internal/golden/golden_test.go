package golden

import "testing"

func TestFirstDiff(t *testing.T) {
	tests := []struct{ got, want, diff string }{
		{"a\nb\nc", "a\nx\nc", "line 2:\n got  b\n want x"},
		{"a\nb", "a\nb\nc", "line 3:\n got  \n want c"},
		{"a\r\n", "a\n", "line 1:\n got  a\r\n want a"},
	}
	for _, tt := range tests {
		if got := FirstDiff(tt.got, tt.want); got != tt.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", tt.got, tt.want, got, tt.diff)
		}
	}
}

func TestCheck(t *testing.T) {
	path := t.TempDir() + "/g.txt"
	*update = true
	Check(t, path, []byte("one\n"))
	*update = false
	Check(t, path, []byte("one\n"))
}
