package main

import (
	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/normalize"
)

func newExplainCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "explain FILE",
		Short: "Say which rule made each item of one document, and from where",
		Long: `Normalise one document and print, for each item, the rule that produced it
and the layout block it was read from (block, page, table, row; the numbers
of 'sendrecon layout'). For a document that yields no items, print what was
looked for and not found: the headings, the sentences before lists and the
table headers with the roles they were given, so that a configuration
(normalize.sections, normalize.columns, normalize.codes) can be fixed.`,
		Example: `  sendrecon explain plan.pdf
  sendrecon explain page.html --config council.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, doc, err := readOne(cmd.Context(), g, args[0])
			if err != nil {
				return err
			}
			res, err := normalize.Run(doc, normalize.Meta{DocID: args[0], SourcePath: args[0]}, cfg.Normalize)
			if err != nil {
				return err
			}
			return normalize.WriteExplain(g.stdout, res)
		},
	}
}
