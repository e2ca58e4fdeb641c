package main

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
)

func newLayoutCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "layout FILE",
		Short: "Print the layout sendrecon extracts from one document",
		Long: `Print the layout model of one document: its headings, paragraphs, lists and
tables with their cells, spans and pages, exactly as the normalize stage sees
them. Use it to see why an item came out as it did.`,
		Example: `  sendrecon layout plan.pdf | less
  sendrecon layout plan.pdf --json | jq '.blocks[] | select(.kind == "table") | .table.cells[0]'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, doc, err := readOne(cmd.Context(), g, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(doc)
			}
			return layout.WriteText(g.stdout, doc)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the full model as JSON")
	return cmd
}

// readOne extracts one document with the configuration in effect, in this
// process: the commands that show one document (layout, explain) need no
// worker pool.
func readOne(ctx context.Context, g *globals, path string) (*config.Config, *layout.Document, error) {
	cfg, err := config.Load(g.configFile)
	if err != nil {
		return nil, nil, err
	}
	doc, err := extract.File(ctx, path, batch.ExtractOptions(cfg))
	return cfg, doc, err
}
