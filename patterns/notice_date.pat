# notice_date.pat - the date the notice was issued.
# The header prints "Notice date"; letters print "Date:" or "Letter date".
field notice_date

rule header_label       0.95  paired \b{NOTICE_BEFORE_DATE}\s+{DATE_WORD}{GAP}{STRAY}(?<v>{DATE})
# Both words misread on a hard photo: "Notte dace", "Notive date", "Notioe Gate"
# (dim, shaken and small photos of seed 202612041500). Not "Notes", "Nice" or
# "Nance"; weaker than the label read as printed, so its value is reviewed.
rule header_label_misread 0.75 paired \b(?:n[o0]t[a-z!|1]{0,3}[ce3]|{NOTICE_BEFORE_DATE})\s+(?:[a-z]at[eo]|da[a-z][eo]|dat[a-z])\b{GAP}{STRAY}(?<v>{DATE})
# The same labels with their date garbled past parsing: when no date was read, the second look
# reads the value's place again (second_look.c).
rule header_label_garbled 0.95 paired misread \b(?:n[o0]t[a-z!|1]{0,3}[ce3]|{NOTICE_BEFORE_DATE})\s+(?:[a-z]at[eo]|da[a-z][eo]|dat[a-z])\b{GAP}{STRAY}(?<v>{DATE_GARBLED})
rule letter_date_garbled  0.90 paired misread \bletter\s+{DATE_WORD}{GAP}{STRAY}(?<v>{DATE_GARBLED})
rule date_colon_garbled   0.85 paired misread (?<!due )(?<!birth )(?<!this )\b{DATE_WORD}\s*[:;]\s*{STRAY}(?<v>{DATE_GARBLED})
rule date_of_notice     0.90  \bdate\s+of\s+(?:this\s+)?(?:notice|letter)\s*:?\s*(?<v>{DATE})
rule letter_date        0.90  paired \bletter\s+{DATE_WORD}{GAP}{STRAY}(?<v>{DATE})
# "Date:" in a letter's header block, which OCR may join to the left column's line;
# on compressed photos read "Dale;" (fresh seed 202612031640, LTR1058).
rule date_colon         0.85  paired (?<!due )(?<!birth )(?<!this )\b{DATE_WORD}\s*[:;]\s*{STRAY}(?<v>{DATE})
# Two columns read line by line: a label that ends one line has its value at
# the end of the next, after the left column's text ("Department of the
# Treasury Date:" / "Internal Revenue Service September 18, 2023"). The left
# column may be a long line of body text (100 characters): on a page, paired
# keeps only a value that sits under its label.
rule label_then_merged  0.75  paired (?:\b{NOTICE}\s+date|\bletter\s+date|(?<!due )(?<!birth )(?<!this )\bdate\s*:)[ \t]*\n[^\n]{1,100}?[ \t](?<v>{DATE})[ \t]*(?=\n)
# A letter's header block read column by column: the labels one per line, then
# their values in the same order. "Date:" heading that list pairs with the
# first line after it.
rule label_list_first   0.85  (?<!due )(?<!birth )(?<!this )\bdate\s*:[ \t]*\n(?:[^\n:]{2,40}:[ \t]*\n){1,8}[ \t]*(?<v>{DATE})[ \t]*(?=\n)
# A date alone on a line near the top of a letter; weak, a fallback only.
# OCR may drop the blank after the comma ("February 14,2018").
rule date_on_own_line   0.30  (?:^|\n)[ \t]*(?<v>[A-Za-z]{3,10}\.?\s\d{1,2},\s?(?:19|20)\d{2})[ \t]*(?=\n)
# The last day of a tax year or period is never the date of the notice
# ("Tax period: December 31, 2021", "the tax year ending on December 31, 2020");
# paired, so a "Tax year" label beside "Notice date" in a two-column header
# does not veto the notice date printed under "Notice date".
rule tax_period_end    -0.40  paired \btax\s+(?:year|period)(?:s|\(s\))?(?:\s+end(?:ed|ing))?(?:\s+on)?[ \t\n:]{0,6}(?<v>{DATE})
