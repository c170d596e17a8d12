//! Faults in reading a file, in its YAML, and against the schema. Always errors.

use crate::diagnostic::Severity;
use crate::rules::{Origin, Rule, RuleDocs};

pub static UNREADABLE_FILE: Rule = Rule {
    code: "SV000",
    name: "unreadable-file",
    severity: Severity::Error,
    origin: Origin::Io,
    summary: "a named file does not exist or cannot be read",
    docs: RuleDocs {
        what: "Every path given on the command line must exist and be readable, and a directory or glob must yield at least one spec.",
        why: "A CI job that checks a tender document must fail loudly when the document is missing, not pass because nothing was checked.",
        example: "svcspec check specs/missing.yaml",
        fix: "Correct the path, or check the permissions of the file. This is an invocation fault: exit code 2.",
    },
};

pub static YAML_SYNTAX: Rule = Rule {
    code: "SV001",
    name: "yaml-syntax",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the file is not valid YAML",
    docs: RuleDocs {
        what: "The file must parse as YAML 1.2: consistent indentation with spaces (never tabs), closed quotes and brackets, `key: value` with a space after the colon.",
        why: "Nothing else can be checked in a file that cannot be read.",
        example: "project:\n\tid: demo      # a tab indents this line",
        fix: "Fix the YAML at the position shown; indent with spaces.",
    },
};

pub static DUPLICATE_KEY: Rule = Rule {
    code: "SV002",
    name: "duplicate-key",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "a mapping has the same key twice",
    docs: RuleDocs {
        what: "Each key appears once in its mapping. Both places are shown. After 100 duplicate keys in one file, loading stops: such a file is generated, not written.",
        why: "YAML forbids duplicate keys, and tools disagree on which one wins: a reviewer may read one amount while the contract prints the other.",
        example: "contract:\n  amount: 300000\n  amount: 350000",
        fix: "Keep one of the two keys and delete the other.",
    },
};

pub static NESTING_TOO_DEEP: Rule = Rule {
    code: "SV003",
    name: "nesting-too-deep",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "mappings and sequences nest deeper than the limit",
    docs: RuleDocs {
        what: "Nesting is counted while parsing and refused past the limit (64 levels by default). An alias counts as deep as the node it repeats, so aliases cannot nest deeper than the limit either.",
        why: "A real spec nests about 8 levels; thousands of levels are an attack on the parser's stack.",
        example: "a: [[[[[[[[[[[[ ... ]]]]]]]]]]]]   # thousands deep",
        fix: "Flatten the document. If a real spec needs more, raise the limit with `--max-depth` (at most 1000, which the stack holds).",
    },
};

pub static ALIAS_EXPANSION_TOO_LARGE: Rule = Rule {
    code: "SV004",
    name: "alias-expansion-too-large",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "aliases expand to more nodes than the limit",
    docs: RuleDocs {
        what: "The nodes that `*alias` references copy are counted over the whole file and refused past the limit (10,000 by default).",
        why: "A few nested anchors can expand to billions of nodes (the \"billion laughs\" attack) and exhaust memory.",
        example: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        fix: "Write the values out instead of repeating them through aliases. If a real spec needs more, raise the limit with `--max-alias-nodes`.",
    },
};

pub static FILE_TOO_LARGE: Rule = Rule {
    code: "SV005",
    name: "file-too-large",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the file is larger than the size limit",
    docs: RuleDocs {
        what: "Files over the limit (4 MiB by default) are refused before they are read.",
        why: "A spec is tens of kilobytes; a huge file is a mistake or an attack, and reading it would stall a CI job.",
        example: "a 30 MB file named tender.yaml",
        fix: "Check that the right file was named. If a real spec is larger, raise the limit with `--max-file-size`.",
    },
};

pub static NOT_UTF8_TEXT: Rule = Rule {
    code: "SV006",
    name: "not-utf8-text",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the file is not UTF-8 text",
    docs: RuleDocs {
        what: "A spec is UTF-8 text without NUL bytes.",
        why: "Chinese text saved as GBK, or a binary file given by mistake, would be misread; svcspec refuses it instead.",
        example: "a spec saved as GBK from an old editor",
        fix: "Save the file as UTF-8 (in most editors: Save with Encoding → UTF-8).",
    },
};

pub static EMPTY_FILE: Rule = Rule {
    code: "SV007",
    name: "empty-file",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the file holds no YAML document",
    docs: RuleDocs {
        what: "A spec file holds one YAML document; a file that is empty or holds only comments is refused.",
        why: "An empty spec usually means a failed export or a truncated upload.",
        example: "# nothing but a comment",
        fix: "Write the spec, or start from `svcspec init`.",
    },
};

pub static TOP_LEVEL_NOT_A_MAPPING: Rule = Rule {
    code: "SV008",
    name: "top-level-not-a-mapping",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the top level of the file is not a mapping",
    docs: RuleDocs {
        what: "The top level of a spec is a mapping of keys such as `spec_version` and `project`.",
        why: "A list or a bare value at the top cannot be a spec.",
        example: "- spec_version: 1\n- project: {}",
        fix: "Remove the leading `- ` so that the keys sit at the top level.",
    },
};

pub static UNSUPPORTED_YAML: Rule = Rule {
    code: "SV009",
    name: "unsupported-yaml",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the file uses a YAML feature specs do not allow",
    docs: RuleDocs {
        what: "Specs use plain YAML: one document per file, scalar keys (an alias used as a key must repeat a scalar), and no tags other than the core ones (`!!str`, `!!int`…, in full `!<tag:yaml.org,2002:str>`…), `!` and `!fill`.",
        why: "Several documents, keys that are mappings or sequences, and custom tags mean different things to different tools, so a reviewer could read something other than what svcspec checks.",
        example: "spec_version: 1\n---\nspec_version: 1",
        fix: "Split the documents into separate files; write keys as plain strings; remove the tag.",
    },
};

pub static DOCUMENT_TOO_LARGE: Rule = Rule {
    code: "SV010",
    name: "document-too-large",
    severity: Severity::Error,
    origin: Origin::Input,
    summary: "the document has more nodes, or a longer scalar, than the limits",
    docs: RuleDocs {
        what: "A document may hold at most 200,000 nodes (aliases expanded) and no scalar longer than 256 KiB.",
        why: "A real spec holds about 1,500 nodes; more is a mistake or an attack on memory.",
        example: "a list of a million visits inlined into the spec",
        fix: "Keep data such as visit records in the results file, not in the spec. If a real spec needs more, raise the limits with `--max-nodes` and `--max-scalar-size`.",
    },
};

pub static INVALID_VALUE: Rule = Rule {
    code: "SV020",
    name: "invalid-value",
    severity: Severity::Error,
    origin: Origin::Schema,
    summary: "a value has the wrong type, format or range",
    docs: RuleDocs {
        what: "Every value matches the schema: numbers where numbers are expected, dates as real `YYYY-MM-DD` dates, counts and amounts never negative, amounts with at most two decimals, one of the listed words for an enumeration.",
        why: "A reviewer cannot check the sums of an amount written as text, nor the dates of 2023-02-30.",
        example: "contract:\n  amount: -300000\nperiod:\n  start: 2023-02-30",
        fix: "Write the value as the message says; the schema (`svcspec schema`) lists what each key takes.",
    },
};

pub static UNKNOWN_KEY: Rule = Rule {
    code: "SV021",
    name: "unknown-key",
    severity: Severity::Error,
    origin: Origin::Schema,
    summary: "a key that the spec format does not have",
    docs: RuleDocs {
        what: "Every key is one the format defines; a misspelt key is refused with the closest known key.",
        why: "A misspelt key is silently ignored by lenient tools, so a target or a clause the designer wrote would vanish from the contract.",
        example: "project:\n  nmae: 株洲市老年人社会工作服务项目",
        fix: "Use the key that the help suggests; editors complete keys from the schema.",
    },
};

pub static MISSING_KEY: Rule = Rule {
    code: "SV022",
    name: "missing-key",
    severity: Severity::Error,
    origin: Origin::Schema,
    summary: "a required key is missing",
    docs: RuleDocs {
        what: "The keys that make a file a spec, and the keys an item of a list cannot do without (an id, a name), are present.",
        why: "Without them the spec cannot be read as a project: no parties, no period, nothing to refer to.",
        example: "project:\n  id: demo      # no name",
        fix: "Add the key named in the message to the mapping shown.",
    },
};

pub static RULES: &[&Rule] = &[
    &UNREADABLE_FILE,
    &YAML_SYNTAX,
    &DUPLICATE_KEY,
    &NESTING_TOO_DEEP,
    &ALIAS_EXPANSION_TOO_LARGE,
    &FILE_TOO_LARGE,
    &NOT_UTF8_TEXT,
    &EMPTY_FILE,
    &TOP_LEVEL_NOT_A_MAPPING,
    &UNSUPPORTED_YAML,
    &DOCUMENT_TOO_LARGE,
    &INVALID_VALUE,
    &UNKNOWN_KEY,
    &MISSING_KEY,
];
