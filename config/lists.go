package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ReplaceSuffix marks a list key in a user's file that replaces the
// default list instead of extending it: "title_words!: [director]".
const ReplaceSuffix = "!"

// extendLists rewrites a user's configuration file so that merging it over
// the defaults extends every list the defaults have instead of replacing
// it: the user's entries are added to the default's (word lists after the
// defaults, without repeats; lists of rules, such as normalize.sections,
// before them, so that a user's rule is tried first). A key written with a
// trailing "!" replaces the default list, and loses its "!".
func extendLists(user []byte, defaults map[string]any) ([]byte, error) {
	var tree map[string]any
	if err := yaml.Unmarshal(user, &tree); err != nil {
		return nil, err
	}
	if tree == nil {
		return user, nil
	}
	out, err := extendTree(tree, defaults, "")
	if err != nil {
		return nil, err
	}
	return yaml.Marshal(out)
}

func extendTree(user, def map[string]any, path string) (map[string]any, error) {
	out := make(map[string]any, len(user))
	for k, v := range user {
		name, replace := strings.CutSuffix(k, ReplaceSuffix)
		key := strings.ToLower(name)
		full := strings.TrimPrefix(path+"."+key, ".")
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("%s: given both with and without %q", full, ReplaceSuffix)
		}
		dv := lookup(def, key)
		switch uv := v.(type) {
		case map[string]any:
			dm, _ := dv.(map[string]any)
			sub, err := extendTree(uv, dm, full)
			if err != nil {
				return nil, err
			}
			out[key] = sub
		case []any:
			dl, isList := dv.([]any)
			if replace || !isList {
				out[key] = uv
				continue
			}
			out[key] = mergeList(dl, uv)
		default:
			out[key] = v
		}
	}
	return out, nil
}

// lookup finds key in a viper settings map, whose keys are lower case.
func lookup(m map[string]any, key string) any {
	if m == nil {
		return nil
	}
	return m[key]
}

// mergeList adds user entries to a default list: scalars after the
// defaults without repeats, rules (maps) before them.
// An entry the default already has is not repeated, so that the output of
// "config show" loads back as the same configuration.
func mergeList(def, user []any) []any {
	has := func(list []any, v any) bool {
		return slices.ContainsFunc(list, func(d any) bool { return reflect.DeepEqual(d, v) || fmt.Sprint(d) == fmt.Sprint(v) })
	}
	rules := slices.ContainsFunc(user, func(v any) bool { _, ok := v.(map[string]any); return ok })
	if rules {
		out := slices.Clone(user)
		for _, d := range def {
			if !has(user, d) {
				out = append(out, d)
			}
		}
		return out
	}
	out := slices.Clone(def)
	for _, u := range user {
		if !has(out, u) {
			out = append(out, u)
		}
	}
	return out
}
