package report

import (
	"fmt"
	"html/template"
	"strings"
)

var funcs = template.FuncMap{
	// human turns a column value into words: "partly_covered" is "partly covered".
	"human": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	// score is a link score as a percentage.
	"score": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"pct":   func(f float64) int { return int(f*100 + 0.5) },
	"add":   func(a, b int) int { return a + b },
}
