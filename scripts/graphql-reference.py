#!/usr/bin/env python3
"""Differential reference for the QueryLanguage engine, backed by graphql-core 3.2.

The engine parses and validates with GraphQLSwift, a port of graphql-js; graphql-core is another port of
graphql-js, so the two should accept the same documents and report the same rules. This script is the
graphql-core side of that comparison:

  validate --schema FILE... --documents DIR --min-documents N
      Reads our results from stdin, {"<file name>": {"valid": bool, "messages": [...]}, ...}, one entry per
      *.graphql file in DIR. Parses and validates every document with graphql-core, maps each message (ours
      and graphql-core's) to the validation rule that words it that way, and prints a line for every document
      whose acceptance or set of rules differs. Exits 1 on any difference, on a document missing from (or
      unknown to) our results, or when DIR holds fewer than N documents.

  introspection-query
      Prints graphql-core's introspection query (with descriptions) for the engine to run.

  compare-introspection --schema FILE...
      Reads an introspection response (the whole response or its data object) from stdin, rebuilds a schema
      from it and compares its SDL with the SDL of the schema files. Exits 1 with a unified diff on a mismatch.
"""

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from graphql import (
    GraphQLError,
    GraphQLSyntaxError,
    build_client_schema,
    build_schema,
    get_introspection_query,
    parse,
    print_schema,
    validate,
)

# Message wordings of each rule, covering graphql-js 16, graphql-core 3.2 (single quotes, lower-case directive
# locations such as "fragment definition") and GraphQLSwift (double quotes, some older graphql-js wordings).
# ValuesOfCorrectType also reports the built-in scalars' and enums' own literal errors unchanged. Matched with
# re.match, so a pattern is a prefix; the first matching rule wins.
RULE_PATTERNS = [
    ("Syntax", r"Syntax Error"),
    ("ExecutableDefinitions", r"The .+ definition is not executable\."),
    ("UniqueOperationNames", r"There can be only one operation named "),
    ("LoneAnonymousOperation", r"This anonymous operation must be the only defined operation\."),
    (
        "SingleFieldSubscriptions",
        r"(Anonymous Subscription|Subscription .+) must (select only one top level field|not select an introspection top level field)\.",
    ),
    ("KnownTypeNames", r"Unknown type "),
    ("FragmentsOnCompositeTypes", r"Fragment (.+ )?cannot condition on non composite type "),
    ("VariablesAreInputTypes", r"Variable .+ cannot be non-input type "),
    ("ScalarLeafs", r"Field .+ must not have a selection since type .+ has no subfields\."),
    ("ScalarLeafs", r"Field .+ of type .+ must have a selection of subfields\."),
    ("FieldsOnCorrectType", r"Cannot query field .+ on type "),
    ("UniqueFragmentNames", r"There can be only one fragment named "),
    ("KnownFragmentNames", r"Unknown fragment "),
    ("NoUnusedFragments", r"Fragment .+ is never used\."),
    ("PossibleFragmentSpreads", r"Fragment (.+ )?cannot be spread here as objects of type .+ can never be of type "),
    ("NoFragmentCycles", r"Cannot spread fragment .+ within itself"),
    ("UniqueVariableNames", r"There can be only one variable named "),
    ("NoUndefinedVariables", r"Variable .+ is not defined( by operation .+)?\.$"),
    ("NoUnusedVariables", r"Variable .+ is never used( in operation .+)?\.$"),
    ("KnownDirectives", r"Unknown directive "),
    ("KnownDirectives", r"Directive .+ may not be used on .+\."),
    ("UniqueDirectivesPerLocation", r"The directive .+ can only be used once at this location\."),
    ("KnownArgumentNames", r"Unknown argument .+ on (field|directive) "),
    ("KnownArgumentNames", r"Field .+ on type .+ does not have argument "),
    ("UniqueArgumentNames", r"There can be only one argument named "),
    ("ValuesOfCorrectType", r"Expected value of type "),
    ("ValuesOfCorrectType", r"(Int|Float|String|Boolean|ID) cannot represent "),
    ("ValuesOfCorrectType", r"Enum .+ cannot represent "),
    ("ValuesOfCorrectType", r"Value .+ does not exist in .+ enum\."),
    ("ValuesOfCorrectType", r"Field .+ of required type .+ was not provided\."),
    ("ValuesOfCorrectType", r"Field .+ is not defined by type "),
    ("ValuesOfCorrectType", r"OneOf Input Object .+ must specify exactly one key\."),
    ("ValuesOfCorrectType", r"Field .+ must be non-null\."),
    ("ValuesOfCorrectType", r"Variable .+ must be non-nullable to be used for OneOf Input Object "),
    ("ProvidedRequiredArguments", r"(Field|Directive) .+ argument .+ of type .+ is required, but it was not provided\."),
    ("VariablesInAllowedPosition", r"Variable .+ of type .+ used in position expecting type "),
    ("OverlappingFieldsCanBeMerged", r"Fields .+ conflict because "),
    ("UniqueInputFieldNames", r"There can be only one input field named "),
    ("MaxIntrospectionDepth", r"Maximum introspection depth exceeded"),
]
RULES = [(rule, re.compile(pattern)) for rule, pattern in RULE_PATTERNS]


def classify(message):
    """The rule whose wording the message has, or `Unclassified: <message>`."""
    for rule, pattern in RULES:
        if pattern.match(message):
            return rule
    return f"Unclassified: {message}"


def load_schema(paths):
    return build_schema("\n".join(Path(path).read_text(encoding="utf-8") for path in paths))


def reference_messages(schema, text):
    """graphql-core's parse or validation error messages for a document; empty when it is valid."""
    try:
        document = parse(text)
    except GraphQLSyntaxError as error:
        return [error.message]
    return [error.message for error in validate(schema, document)]


def verdict(valid, messages):
    rules = sorted({classify(message) for message in messages})
    return ("valid" if valid else "invalid") + (f" {rules}" if rules else "")


def compare_document(name, ours, theirs):
    """A disagreement line for one document, or None when both sides agree."""
    if ours is None:
        return f"MISSING {name}: not in our results; theirs: {json.dumps(theirs)}"
    our_valid = bool(ours.get("valid"))
    our_messages = list(ours.get("messages", []))
    our_rules = {classify(message) for message in our_messages}
    their_rules = {classify(message) for message in theirs}
    if our_valid == (not theirs) and our_rules == their_rules:
        return None
    return (
        f"DISAGREE {name}: ours {verdict(our_valid, our_messages)}, theirs {verdict(not theirs, theirs)}; "
        f"our messages: {json.dumps(our_messages)}; their messages: {json.dumps(theirs)}"
    )


def run_validate(args):
    ours = json.load(sys.stdin)
    schema = load_schema(args.schema)
    paths = sorted(Path(args.documents).glob("*.graphql"))
    names = [path.name for path in paths]
    expected = set(args.expect_divergence or [])
    disagreements = 0
    for path in paths:
        theirs = reference_messages(schema, path.read_text(encoding="utf-8"))
        line = compare_document(path.name, ours.get(path.name), theirs)
        if path.name in expected:
            if line:
                print(f"KNOWN {line}")
            else:
                disagreements += 1
                print(f"AGREES {path.name}: listed as a known divergence but both sides agree; take it off the list")
            continue
        if line:
            disagreements += 1
            print(line)
    unknown = sorted(set(ours) - set(names))
    for name in unknown:
        print(f"UNKNOWN {name}: in our results but not in {args.documents}")
    print(f"documents: {len(paths)}, agree: {len(paths) - disagreements}, disagree: {disagreements}")
    if len(paths) < args.min_documents:
        print(f"expected at least {args.min_documents} documents in {args.documents}, found {len(paths)}", file=sys.stderr)
        return 1
    return 1 if disagreements or unknown else 0


def run_introspection_query(_args):
    print(get_introspection_query(descriptions=True))
    return 0


def run_compare_introspection(args):
    response = json.load(sys.stdin)
    if "__schema" not in response:
        if response.get("errors"):
            print(f"introspection failed: {json.dumps(response['errors'])}", file=sys.stderr)
            return 1
        response = response.get("data") or {}
    try:
        introspected = print_schema(build_client_schema(response))
    except (GraphQLError, TypeError) as error:
        print(f"introspection result cannot be read back into a schema: {error}", file=sys.stderr)
        return 1
    expected = print_schema(load_schema(args.schema))
    if introspected == expected:
        print("introspection: identical")
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            expected.splitlines(keepends=True), introspected.splitlines(keepends=True), "schema files", "introspection"
        )
    )
    return 1


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    validate_command = commands.add_parser("validate", help="compare our parse/validation results with graphql-core's")
    validate_command.add_argument("--schema", action="append", required=True, metavar="FILE", help="SDL file (repeatable)")
    validate_command.add_argument("--documents", required=True, metavar="DIR", help="directory of *.graphql documents")
    validate_command.add_argument("--min-documents", type=int, required=True, metavar="N", help="fail below N documents")
    validate_command.add_argument(
        "--expect-divergence", action="append", metavar="FILE", help="a document known to be judged differently (repeatable)")
    validate_command.set_defaults(run=run_validate)

    query_command = commands.add_parser("introspection-query", help="print graphql-core's introspection query")
    query_command.set_defaults(run=run_introspection_query)

    compare_command = commands.add_parser("compare-introspection", help="compare an introspection response with the SDL")
    compare_command.add_argument("--schema", action="append", required=True, metavar="FILE", help="SDL file (repeatable)")
    compare_command.set_defaults(run=run_compare_introspection)
    return parser.parse_args()


def main():
    args = arguments()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
