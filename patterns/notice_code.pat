# notice_code.pat - which notice or letter this is.
# The header block prints "Notice CP14" (label and value may be on two lines);
# letters print "Letter 1058", "LTR 1058" or "Letter Number: 1058".
field notice_code

rule header_label     0.90  paired \b{NOTICE}{GAP}(?<v>{CODE})
rule header_letter    0.90  paired \b{NOTICE}{GAP}(?<v>{LETTER})
# A letter's header "Letter Number: 5071C" as photos read it: the label "Lever"
# or "Leter", the number with letters for digits ("SO7IC"), at least one real
# digit; normalizing repairs it (hard photos of fresh seed 202612032013). The
# colon may be read as ";". The number ends at a blank or punctuation: "105%"
# is 1058 with its 8 misread, not letter 105 (seed 202612041700).
rule letter_number    0.90  prefix=LTR \bl[ec][tv]{1,2}er\s+(?:number|no\.?)\s*[:;]?\s*(?<v>(?=[\dOISl]{0,3}\d)[\dOISl]{2,4}[A-Z]?)(?=[\s.,;:)]|$)
rule number_of_letter 0.90  prefix=LTR \bnumber\s+of\s+this\s+letter\s*:?\s*(?<v>\d{2,4}[A-Z]?)(?![A-Za-z0-9])
rule letter_named     0.65  (?<![A-Za-z])(?<v>{LETTER})
# The notice's own code stands alone on a line in the header block and on the
# stub even when OCR separates it from its "Notice" label (a stray mark between
# them, a column read whole); other notices are named inside sentences
# ("we sent you a proposal (CP2000)").
rule code_own_line    0.70  (?:^|\n)[ \t]*(?<v>{CODE})[ \t]*(?=\n|$)
rule code_anywhere    0.55  (?<![A-Za-z0-9])(?<v>{CODE})
# The same two places with a code OCR read with letters for digits: such a
# reading counts only as the catalog code it is one slip from.
rule header_lookalike   0.90  paired \b{NOTICE}{GAP}(?<v>{CODE_LOOKALIKE})
rule own_line_lookalike 0.70  (?:^|\n)[ \t]*(?<v>{CODE_LOOKALIKE})[ \t]*(?=\n|$)
# A form or publication number is not a notice: "Form 9465", "Publication 594".
