# common.pat - building blocks shared by every pattern set.
# A define is used in any rule as {NAME}. Matching is caseless unless a rule
# says (?-i). OCR tokens are repaired before matching (O->0 in numbers,
# typographic quotes to ASCII), so these only need to allow what survives:
# a missing "$", spaces inside numbers, a comma read as a period.

# $1,075.21   1075.21   $ 1,075.21   1.075,21   $9 533.53
define MONEY (?<![\d.,])\$?\s?-?\s?\d{1,3}(?:(?:[,.]\s?|\s)\d{3})*[.,]\s?\d{2}(?![\d])
# February 20, 2018   Feb. 20, 2018   Feb 20 2018   02/20/2018   2/20/18
# On dim, faxed and compressed photos the comma after the day is read as ";" or ")",
# or with a speck after it ("September 12) 2019", "Bapeniber 12; 2019" on fresh
# seed 202612031640, "June 9,.2017" on a fax of seed 202612032013).
define DATE (?:[A-Za-z]{3,10}\.?\s{0,2}\d{1,2}\s{0,2}[,.;)]{0,2}\s{0,2}(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]))
# A date OCR garbled past parsing, as hard photos read them beside their labels: a word for the
# month, one to three marks for the day, then the year's digits, cut or run on ("January *, 2019",
# "Matcn 14, 20149", "August 27, 201", "May 73, 2018", "April:14,:2025" on seeds 202612041500 to
# 202612042240). Only "misread" rules use it: a place to read again, never a value.
define DATE_GARBLED [A-Za-z]{3,10}[.:]?[ \t]{0,2}\S{1,3}[ \t]{0,2}[,.;:)]{0,2}[ \t]{0,2}(?=[\d)]{0,2}\d\d)[\d)]{3,5}(?![\dA-Za-z])
define YEAR (?<!\d)(?:19|20)\d{2}(?!\d)
# CP14, CP 14, CP504B, CP2000, CP3219A, LT11, LT 16; OCR reads the C small
# ("cP523"), as it does in the URL of the notice's page ("irs.gov/cp49").
define CODE (?-i:(?:[Cc][Pp]|L[Tt])\s?\d{1,4}[A-Z]{0,2})(?![A-Za-z0-9])
# A code read with letters for its digits ("CPOLA", "CP0ILA" for CP01A):
# taken only as a catalog code one OCR slip away (extract.c), never as read.
define CODE_LOOKALIKE (?-i:(?:[Cc][Pp]|L[Tt])\s?[0-9OoDQIl|iLSZBGT]{2,6}[A-Z]{0,2})(?![A-Za-z0-9])
# Letter 1058, LTR 1058, Ltr. 5071C; also "Letter 5O71C", "Letter IO58": a
# letter number is not repaired as a token (its suffix letter makes it look
# like a word), so O, I, l and S may stand for digits here, with at least one
# real digit; normalizing the code repairs them ("Letter S071C (Rev. 07-2021)"
# in a scanned letter's footer, seed 202612041500).
define LETTER (?:letter|ltr)\.?\s?(?=[\dOIlS]{0,3}\d)[\dOIlS]{2,4}[A-Z]?(?![A-Za-z0-9])
# "Notice" in a header label as OCR may read it: Notce, Notlce, N0tice, Noti ce
define NOTICE n[o0]t(?:[il1|!]\s?)?c[e3]
# Before "date" also as small or blurred photos read it: "ti" taken as one or
# two other letters and "o" as "e" or "a": Nodce, Nobtce, Netce, Natice (hard
# photos of fresh seeds 202612031640 and 202612032013). Not "Nance": an "a"
# only before "ti". Only before "date": before a code it let a footer's
# misread code ("Netice CP121A (Rev.") outweigh the header's (seed 202612032113).
define NOTICE_BEFORE_DATE n(?:[oe0](?:t(?:[il1|!]\s?)?|[a-z]{1,2})|at[il1|!])c[e3]
# "due" in a label as OCR reads a serif "e" on a soft photo: "Amount duc
# immediately: $5,947.81" (real-wording CP90 photographed, set 2401 doc-0126)
define DUE du[ec]
# "date" in a label as blurred photos read it: "dato", "dale" (as above)
define DATE_WORD da[tl][eo]
# space between a label and its value: blanks and line breaks, never a page break;
# the colon as printed, or as a fax or a dim photo reads it ("Notice date. -
# October 27, 2017", "Tax year. 2024" on seed 202612041700)
define GAP [ \t\n:;.]{0,6}
# Stray marks OCR reads between a label and its value on a dim, faxed or
# crumpled photo ("Notice date So May 21, 2021", "Notice date: ai September
# 12, 2019"): up to three tokens of one or two characters, no digit, on the
# label's line. Only paired rules use it, so the value still sits beside its label.
# Each token starts after a blank: the rest of a longer word ("notice dated
# February 1") is no stray mark.
define STRAY (?:(?<=\s)[^\s\d]{1,2}[ \t]+){0,3}
