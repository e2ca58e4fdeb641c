// Package normalize turns an extracted layout.Document into the action model:
// the documents row, items (priorities, actions, findings, outcomes,
// indicators) with their leads, dates, statuses, references and list fields,
// and the people they name. Column roles, synonyms and lexicons come from the
// configuration, so a new council's headings are a configuration change.
package normalize
