/**
 * The peggy grammar of the audience rule language (see docs/audience-rules.md). It only checks
 * the shape of a rule and returns a loose syntax tree; `parseRule` then checks fields, operators
 * and values and builds the typed `RuleNode`. Named rules ("a value", "an operator") keep the
 * expectations in error messages short enough for an admin to read.
 */
export const ruleGrammar = String.raw`
{
  let depth = 0;
  const maxDepth = 50;

  function loc() {
    const l = location();
    return { start: l.start, end: l.end };
  }

  function binary(type, head, tail) {
    return tail.length === 0 ? head : { type, operands: [head, ...tail], location: loc() };
  }

  function op(text) {
    return { text, location: loc() };
  }
}

Rule
  = _ expr:Or _ { return expr; }
  / _ !. { return null; }

Or
  = head:And tail:(_ KwOr _ @And)* { return binary("or", head, tail); }

And
  = head:Not tail:(_ KwAnd _ @Not)* { return binary("and", head, tail); }

Not
  = nots:(@NotKeyword _)* operand:Primary {
      const end = location().end;
      let node = operand;
      for (let i = nots.length - 1; i >= 0; i--) {
        node = { type: "not", operand: node, location: { start: nots[i].start, end } };
      }
      return node;
    }

NotKeyword
  = KwNot { return loc(); }

Primary
  = Group
  / Call
  / Condition

Group
  = OpenParen _ expr:Or _ ")" { depth--; return expr; }

OpenParen
  = "(" {
      depth++;
      if (depth > maxDepth) error("parentheses are nested more than " + maxDepth + " levels deep; simplify the rule.");
    }

Call
  = name:Name &(_ "(") _ "(" _ args:ValueList? _ ")" {
      return { type: "call", name, args: args ?? [], location: loc() };
    }

Condition
  = field:Field _ tail:Tail { return { type: "condition", field, ...tail, location: loc() }; }

Tail
  = op:CompareOp _ value:Value { return { op, value }; }
  / op:ListOp _ values:List { return { op, values }; }
  / op:MatchOp _ value:Value { return { op, value }; }
  / op:EmptyOp { return { op }; }
  / op:HasListOp _ values:List { return { op, values }; }
  / op:HasOp _ value:Value { return { op, value }; }

CompareOp "an operator"
  = text:$("<=" / ">=" / "!=" / "<" / ">" / "=") { return op(text); }

ListOp "an operator"
  = KwNot _ KwIn { return op("not in"); }
  / KwIn { return op("in"); }

MatchOp "an operator"
  = KwStarts _ KwWith { return op("starts with"); }
  / KwEnds _ KwWith { return op("ends with"); }
  / KwContains { return op("contains"); }

EmptyOp "an operator"
  = KwIs _ KwNot _ KwEmpty { return op("is not empty"); }
  / KwIs _ KwEmpty { return op("is empty"); }

HasListOp "an operator"
  = KwHas _ KwAny { return op("has any"); }
  / KwHas _ KwAll { return op("has all"); }

HasOp "an operator"
  = KwHas { return op("has"); }

Field
  = name:Name key:FieldKey? { return { name, key, location: loc() }; }

// The lookahead keeps "." and "[" out of the expectations after every field name.
FieldKey
  = &[.[] @(
      "." @$[A-Za-z0-9_]+
      / "[" _ @AttributeKey _ "]"
      / "." at:Here {
          error("write the attribute's name after the dot, like attributes.cost_center.", at);
        }
    )

AttributeKey 'a "quoted" attribute name'
  = QuotedText

Name
  = text:Identifier { return { text, location: loc() }; }

Identifier "a field name"
  = !Reserved @$([A-Za-z_] IdentChar*)

Reserved
  = ("and"i / "or"i / "not"i) !IdentChar

List
  = ListOpen _ @ValueList _ ")"

ListOpen 'a list in parentheses, like ("EMEA", "APAC")'
  = "("

ValueList
  = head:Value tail:(_ "," _ @Value)* { return [head, ...tail]; }

Value "a value"
  = Text
  / Today
  / DateLiteral
  / BadDate
  / NumberLiteral

Text
  = value:QuotedText { return { type: "text", value, location: loc() }; }

QuotedText
  = '"' chars:DoubleChar* '"' { return chars.join(""); }
  / "'" chars:SingleChar* "'" { return chars.join(""); }
  / quote:['"] (DoubleChar / SingleChar)* {
      error("this quoted text is never closed; add a " + quote + " at its end (quoted text cannot span lines).");
    }

DoubleChar
  = [^"\\\n\r]
  / "\\" @Escape

SingleChar
  = [^'\\\n\r]
  / "\\" @Escape

Escape
  = '"'
  / "'"
  / "\\"
  / "n" { return "\n"; }
  / "t" { return "\t"; }
  / c:[^\n\r] {
      const l = location();
      error(
        "\\" + c + " is not an escape; inside quotes write \\\" for a double quote, \\' for a single quote, \\\\ for a backslash, \\n for a new line or \\t for a tab.",
        { source: l.source, start: { offset: l.start.offset - 1, line: l.start.line, column: l.start.column - 1 }, end: l.end },
      );
    }

Today
  = KwToday offset:TodayOffset? {
      return { type: "today", sign: offset?.sign ?? "+", amount: offset?.amount ?? 0, unit: offset?.unit ?? "d", location: loc() };
    }

TodayOffset
  = _ sign:[+-] _ amount:$[0-9]+ unit:[dwmyDWMY] !IdentChar {
      return { sign, amount: Number(amount), unit: unit.toLowerCase() };
    }
  / _ sign:[+-] _ at:Here {
      error("after today " + sign + " write an amount with a unit, like today " + sign + " 90d (d days, w weeks, m months, y years).", at);
    }

DateLiteral
  = text:$([0-9] [0-9] [0-9] [0-9] "-" [0-9] [0-9] "-" [0-9] [0-9]) !IdentChar {
      return { type: "date", text, location: loc() };
    }

BadDate
  = text:$([0-9]+ "-" [0-9A-Za-z:.+\-]*) {
      error(text + " is not a date; write dates as YYYY-MM-DD, like 2026-01-31.");
    }

NumberLiteral
  = text:$("-"? [0-9]+ ("." [0-9]+)?) !IdentChar { return { type: "number", text, location: loc() }; }

Here
  = "" { return location(); }

IdentChar
  = [A-Za-z0-9_]

KwAnd '"and"'           = "and"i !IdentChar
KwOr '"or"'             = "or"i !IdentChar
KwNot '"not"'           = "not"i !IdentChar
KwIn '"in"'             = "in"i !IdentChar
KwStarts '"starts"'     = "starts"i !IdentChar
KwEnds '"ends"'         = "ends"i !IdentChar
KwWith '"with"'         = "with"i !IdentChar
KwContains '"contains"' = "contains"i !IdentChar
KwIs '"is"'             = "is"i !IdentChar
KwEmpty '"empty"'       = "empty"i !IdentChar
KwHas '"has"'           = "has"i !IdentChar
KwAny '"any"'           = "any"i !IdentChar
KwAll '"all"'           = "all"i !IdentChar
KwToday '"today"'       = "today"i !IdentChar

_ "whitespace"
  = ([ \t\r\n\u00A0\uFEFF] / Comment)*

Comment
  = "#" [^\n\r]*
`;
