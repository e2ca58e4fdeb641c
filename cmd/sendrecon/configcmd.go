package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/config"
)

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show or check the configuration",
		Long: `The configuration is the defaults built into sendrecon, then the file given
with --config (only the keys you want to change), then SENDRECON_* environment
variables: SENDRECON_RUN_WORKERS=4 sets run.workers, and a list takes commas.`,
	}
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration as YAML",
		Long: `Print the configuration in force after the defaults, --config FILE and the
environment are applied. 'sendrecon config show --defaults' prints the
built-in defaults with their comments: a good start for your own file.`,
		Example: `  sendrecon config show
  sendrecon config show --defaults > council.yaml
  SENDRECON_RUN_WORKERS=2 sendrecon config show --config council.yaml`,
		Args: cobra.NoArgs,
	}
	defaults := show.Flags().Bool("defaults", false, "print the built-in defaults, with comments")
	show.RunE = func(cmd *cobra.Command, args []string) error {
		if *defaults {
			_, err := g.stdout.Write(config.DefaultYAML())
			return err
		}
		c, err := config.Load(g.configFile)
		if err != nil {
			return err
		}
		b, err := c.YAML()
		if err != nil {
			return err
		}
		_, err = g.stdout.Write(b)
		return err
	}
	validate := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a configuration file, reporting every problem at once",
		Long: `Read FILE over the built-in defaults and report every problem in it, each
naming its key: unknown keys (often a typo), values of the wrong type, and
values outside what a key allows. Exits 0 when the file is valid.`,
		Example: `  sendrecon config validate council.yaml`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			errs := config.Validate(args[0])
			if len(errs) == 0 {
				_, err := fmt.Fprintf(g.stdout, "%s: valid\n", args[0])
				return err
			}
			for _, e := range errs {
				fmt.Fprintln(g.stderr, e)
			}
			return errors.New(plural(len(errs), "problem") + " in " + args[0])
		},
	}
	cmd.AddCommand(show, validate)
	return cmd
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
