#!/bin/sh
# make-stress.sh - writes tests/stress/cases.txt, the stress set for
# tests/test_stress.c: texts of IRS notices as OCR reads them from photos and
# scans (damaged characters, merged columns, broken labels, repeats, tables of
# distractor amounts and dates), each with the five fields a careful reader
# would write down.
#
#   sh tests/stress/make-stress.sh                 # rewrites tests/stress/cases.txt
#   sh tests/stress/make-stress.sh /tmp/cases.txt  # somewhere else
#
# Every notice here is fictional: made-up people, businesses, addresses, IDs
# and wording modelled on the layout of real IRS notices (header block of
# label/value pairs, billing summary, payment stub, page-2 header repeat).
# Deterministic: no randomness and no clock (runs the same under dash and
# bash; needs GNU sed and GNU date, as on Debian); each case is one row of the
# table at the end of this file:
#
#   name  type  style  year  amount  notice-date  response  [damage and flags...]
#
#   type      a template below (t_cp14, t_ltr1058, ...)
#   style     how the header block was read:
#             stacked      label and value on separate lines (PDF text layer)
#             inline       "Notice CP14" on one line
#             merged       two columns joined line by line, sender block first
#                          ("Department of the Treasury Notice CP14")
#             mergedlabel  the same with stacked labels ("Internal Revenue Service CP14")
#             split        all labels, then all values (a column read whole)
#             mergedright  two columns joined, header block first
#                          ("Notice CP14 Department of the Treasury")
#             bodyfirst    the body before the header (reading order of a photo)
#   year      the tax year printed, or - for none
#   amount    the amount printed (for refund notices, the refund), or -
#   response  +N: a date N days after the notice (moved off a weekend), an
#             ISO date, or - for none; the template decides whether it is
#             printed and so what is expected
#   damage    TRANSFORM:TARGET[,TARGET] applies an OCR confusion to some
#             occurrences of a value; a bare word is a layout flag.
#
# Targets: A_H A_T A_S A_B (amount in headline, billing table, stub, body;
# A = all), N_H N_S N_2 (notice date in header, stub, page 2; N = all),
# R_H R_T R_S R_B (response date; R = all), C_H C_S C_2 (code; C = all),
# Y_H Y_B Y_S (year in header, body, stub; Y = all).
#
# Transforms: o0 l1 I1 S5 B8 Z2 G6 (digit read as letter), dS ($ read as S),
# d0 ($ lost), dsp (space after $), swap (, and . swapped), csp (space after
# the thousands comma), gsp (thousands comma read as a space), dcomma
# (decimal point read as a comma), cents (space before the cents), mtypo (a
# month name with one or two letters wrong), mshort (a wrong letter in a short
# month name: Mav, Ju1y), abbr (Mar. 4, 2024), num (03/04/2024), short
# (3/4/24), brk (date broken over two lines), nocomma, dot (comma read as a
# period), fuse (no space after the comma: March 4,2024), sept (Sept. 9),
# cpsp (CP 14).
#
# Flags: hyph (words hyphenated at line ends), lbreak (labels broken across
# lines), rnm ("rn" read for "m" in a headline label), quotes (typographic
# apostrophes), noise (stray OCR marks), nostub, p2 (page-2 header repeat),
# pages (page 2 on its own page), table (long billing summary), paytbl
# (payments table with M/D/YY dates), earlier (mentions of earlier notices and
# their dates), stubmerge (payment stub read as two merged columns), bkr (the
# bankruptcy paragraph between a billing row and its amount), v2 (a template's
# second wording), nodate (no printed response date: "within 30 days"),
# lbldmg (header labels misread: "Notlce", "Tax yeer"), oldstub (a contact
# stub on page 2 that repeats an older notice date, as on the IRS's CP161).
set -eu
export LC_ALL=C TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/cases.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- values ------------------------------------------------------------------

# "1075.21" -> 107521
to_cents() {
    w=${1%.*}
    f=${1#*.}
    echo $((w * 100 + 1$f - 100))
}

# 107521 -> "1,075.21"
money() {
    m_whole=$(($1 / 100))
    m_frac=$(($1 % 100))
    m_groups=""
    while [ "$m_whole" -ge 1000 ]; do
        m_groups=$(printf ',%03d%s' $((m_whole % 1000)) "$m_groups")
        m_whole=$((m_whole / 1000))
    done
    printf '%d%s.%02d' "$m_whole" "$m_groups" "$m_frac"
}

# ISO date N days later, moved to the next Monday when it falls on a weekend
# (the IRS prints a business day).
later() {
    l_date=$(date -d "$1 + $2 days" +%F)
    case $(date -d "$l_date" +%u) in
    6) l_date=$(date -d "$l_date + 2 days" +%F) ;;
    7) l_date=$(date -d "$l_date + 1 day" +%F) ;;
    esac
    echo "$l_date"
}

long_date() { date -d "$1" '+%B %-d, %Y'; }

# ---- OCR damage ----------------------------------------------------------------

# A line break inside a value is written "~" and turned into one at the end.
transform() {
    case $1 in
    o0) printf '%s' "$2" | sed 's/0/O/g' ;;
    l1) printf '%s' "$2" | sed 's/1/l/g' ;;
    I1) printf '%s' "$2" | sed 's/1/I/g' ;;
    S5) printf '%s' "$2" | sed 's/5/S/g' ;;
    B8) printf '%s' "$2" | sed 's/8/B/g' ;;
    Z2) printf '%s' "$2" | sed 's/2/Z/g' ;;
    G6) printf '%s' "$2" | sed 's/6/G/g' ;;
    dS) printf '%s' "$2" | sed 's/^\$/S/' ;;
    d0) printf '%s' "$2" | sed 's/^\$//' ;;
    dsp) printf '%s' "$2" | sed 's/^\$/$ /' ;;
    swap) printf '%s' "$2" | sed 's/,/#/g; s/\./,/g; s/#/./g' ;;
    csp) printf '%s' "$2" | sed 's/,/, /' ;;
    gsp) printf '%s' "$2" | sed 's/,/ /g' ;;
    dcomma) printf '%s' "$2" | sed 's/\.\([0-9A-Za-z][0-9A-Za-z]\)$/,\1/' ;;
    cents) printf '%s' "$2" | sed 's/\.\([0-9A-Za-z][0-9A-Za-z]\)$/. \1/' ;;
    mtypo) printf '%s' "$2" | sed 's/January/Januarv/; s/February/Februarv/; s/March/Marcb/; s/April/Aprll/;
        s/August/Augusl/; s/September/Septernber/; s/October/Octobcr/; s/November/Novernber/;
        s/December/Deccmber/' ;;
    mshort) printf '%s' "$2" | sed 's/^May/Mav/; s/^June/Jnne/; s/^July/Ju1y/' ;;
    abbr) printf '%s' "$2" | sed 's/^\(Jan\|Feb\|Mar\|Apr\|Aug\|Sep\|Oct\|Nov\|Dec\)[a-z]*/\1./' ;;
    num) date -d "$(printf '%s' "$2" | tr '~' ' ')" +%m/%d/%Y ;;
    short) date -d "$(printf '%s' "$2" | tr '~' ' ')" +%-m/%-d/%y ;;
    brk) printf '%s' "$2" | sed 's/, /,~/' ;;
    nocomma) printf '%s' "$2" | sed 's/,//' ;;
    dot) printf '%s' "$2" | sed 's/,/./' ;;
    cpsp) printf '%s' "$2" | sed 's/^\(CP\|LT\)/\1 /' ;;
    fuse) printf '%s' "$2" | sed 's/, /,/' ;;
    sept) printf '%s' "$2" | sed 's/^September/Sept./' ;;
    *) echo "make-stress.sh: unknown transform $1" >&2 && exit 2 ;;
    esac
}

targets() {
    case $1 in
    A) echo A_H A_T A_S A_B ;;
    N) echo N_H N_S N_2 ;;
    R) echo R_H R_T R_S R_B ;;
    C) echo C_H C_S C_2 ;;
    Y) echo Y_H Y_B Y_S ;;
    *) echo "$1" ;;
    esac
}

apply_damage() {
    for d_token in $DAMAGE; do
        case $d_token in
        *:*)
            d_name=${d_token%%:*}
            case " o0 l1 I1 S5 B8 Z2 G6 dS d0 dsp swap csp gsp dcomma cents mtypo mshort abbr num short brk nocomma dot cpsp fuse sept " in
            *" $d_name "*) ;;
            *) echo "make-stress.sh: unknown transform $d_name" >&2 && exit 2 ;;
            esac
            for d_group in $(echo "${d_token#*:}" | tr ',' ' '); do
                for d_var in $(targets "$d_group"); do
                    eval "d_value=\$$d_var"
                    [ -n "$d_value" ] || continue
                    d_value=$(transform "$d_name" "$d_value")
                    eval "$d_var=\$d_value"
                done
            done
            ;;
        *) FLAGS="$FLAGS $d_token" ;;
        esac
    done
}

has() {
    case " $FLAGS " in
    *" $1 "*) return 0 ;;
    esac
    return 1
}

# ---- people, places ----------------------------------------------------------

person() {
    case $(($1 % 8)) in
    0) NAME="DANIEL R OKAFOR" STREET="418 W ALDER AVE" CITY="SPRINGVALE, OR 97478-2210" ;;
    1) NAME="MARISOL VEGA" STREET="77 QUARRY HILL RD APT 3" CITY="NORTH BARTON, VT 05641-4417" ;;
    2) NAME="PRIYA AND TOMAS LINDQVIST" STREET="2906 CEDAR BLUFF LN" CITY="MAPLE FORD, IA 50014-7731" ;;
    3) NAME="HAROLD J BEAUMONT" STREET="15 LIGHTHOUSE CT" CITY="PORT ELLIS, ME 04103-3390" ;;
    4) NAME="ANIKA SORENSEN-PARK" STREET="9021 MESA VISTA DR" CITY="LAS PALOMAS, NM 87507-6620" ;;
    5) NAME="CURTIS AND DENISE WHITLOCK" STREET="340 ORCHARD ST" CITY="GLENMORE, PA 19026-5516" ;;
    6) NAME="YUSUF ABIOLA" STREET="1188 RIVERBEND PKWY UNIT 12" CITY="CLAYTON FALLS, GA 30318-8874" ;;
    7) NAME="ROSALIND K MBEKI" STREET="63 TANAGER WAY" CITY="WESTBROOK, WI 53703-1129" ;;
    esac
}

business() {
    case $(($1 % 5)) in
    0) NAME="NORTHWIND CABINETRY LLC" STREET="5120 INDUSTRIAL WAY" CITY="DELMAR, OH 43004-2281" ;;
    1) NAME="BLUE HERON DELI INC" STREET="22 HARBOR ST" CITY="SALT COVE, MA 02110-4409" ;;
    2) NAME="KESTREL LOGISTICS CO" STREET="880 TERMINAL RD STE 4" CITY="RIDGEPORT, TX 75006-3328" ;;
    3) NAME="MOSSGROVE LANDSCAPING" STREET="301 FERN VALLEY RD" CITY="ASHTON, NC 27513-9902" ;;
    4) NAME="LARKSPUR DENTAL GROUP PC" STREET="4470 SUMMIT BLVD FL 2" CITY="HIGHGATE, CO 80112-5064" ;;
    esac
}

campus() {
    case $(($1 % 7)) in
    0) BOX="P.O. Box 9019" TOWN="Holtsville, NY 11742-9019" REMIT="HOLTSVILLE, NY 11742-0480" ;;
    1) BOX="" TOWN="Austin, TX 73301-0023" REMIT="AUSTIN, TX 73301-0030" ;;
    2) BOX="Stop 5050" TOWN="Kansas City, MO 64999-0023" REMIT="KANSAS CITY, MO 64999-0202" ;;
    3) BOX="" TOWN="Ogden, UT 84201-0039" REMIT="OGDEN, UT 84201-0114" ;;
    4) BOX="" TOWN="Fresno, CA 93888-0010" REMIT="CINCINNATI, OH 45999-0149" ;;
    5) BOX="" TOWN="Philadelphia, PA 19255-0025" REMIT="PHILADELPHIA, PA 19255-0010" ;;
    6) BOX="PO Box 249" TOWN="Cincinnati, OH 45999-0039" REMIT="CINCINNATI, OH 45999-0150" ;;
    esac
}

# Mixed-case name for the stub ("Daniel R Okafor").
title_case() {
    printf '%s\n' "$1" | awk '{for (i = 1; i <= NF; i++) if (length($i) > 1 && $i != "AND" && $i != "LLC" && $i != "INC" && $i != "CO" && $i != "PC") $i = substr($i, 1, 1) tolower(substr($i, 2)); else if ($i == "AND") $i = "and"; print}'
}

# ---- common blocks ------------------------------------------------------------

sender() {
    echo "Department of the Treasury"
    echo "Internal Revenue Service"
    [ -z "$BOX" ] || echo "$BOX"
    echo "$TOWN"
}

address() {
    echo "$NAME"
    echo "$STREET"
    echo "$CITY"
}

# The header block: one "label|value" per line on stdin, rendered in $STYLE.
pairs() {
    case $1 in
    stacked | mergedlabel | bodyfirst) awk -F'|' '{print $1; if ($2 != "") print $2}' ;;
    split) awk -F'|' '{label[NR] = $1; value[NR] = $2} END {for (i = 1; i <= NR; i++) print label[i]; for (i = 1; i <= NR; i++) if (value[i] != "") print value[i]}' ;;
    *) awk -F'|' '{print ($2 == "" ? $1 : $1 " " $2)}' ;;
    esac
}

# Header items of a CP notice (right column of page 1).
header_items() {
    echo "Notice|$C_H"
    [ -z "$YEAR" ] || echo "$YLABEL|$Y_H"
    echo "Notice date|$N_H"
    echo "$IDLABEL|$IDVALUE"
    echo "To contact us|Phone $PHONE"
    echo "Your caller ID|$CALLER"
    echo "Page 1 of $PAGES"
}

# Left column beside right column, joined line by line as Tesseract does when
# it reads both columns as one block.
merge_columns() {
    paste -d' ' "$1" "$2" | sed 's/^ *//; s/ *$//'
}

header() {
    header_items > "$tmp/items"
    sender > "$tmp/left"
    case $STYLE in
    merged)
        pairs inline < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/left" "$tmp/right"
        ;;
    mergedlabel)
        pairs stacked < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/left" "$tmp/right"
        ;;
    mergedright)
        pairs inline < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/right" "$tmp/left"
        ;;
    *)
        cat "$tmp/left"
        pairs "$STYLE" < "$tmp/items"
        ;;
    esac | if has lbldmg; then
        sed -e '0,/^Notice /s//Notlce /' -e 's/Notice date/Notlce date/' -e 's/Tax year/Tax yeer/' \
            -e 's/Tax period/Tax perlod/'
    else
        cat
    fi
}

# A billing row: label and amount on one line, or on two (text-layer order).
row() {
    case $STYLE in
    stacked | mergedlabel | split) printf '%s\n%s\n' "$1" "$2" ;;
    *) printf '%s %s\n' "$1" "$2" ;;
    esac
}

bankruptcy() {
    echo "If you are a debtor in a bankruptcy case, this notice is for your"
    echo "information only and is not an attempt to collect taxes that were"
    echo "due before you filed your petition."
}

# The tear-off payment stub. $1: how the amount is asked for.
stub() {
    [ "$1" != none ] || return 0
    has nostub && return 0
    echo "Continued on back..."
    echo "$NAME"
    echo "$STREET"
    echo "$CITY"
    case $STYLE in
    inline | merged | mergedright) stub_style=inline ;;
    *) stub_style=stacked ;;
    esac
    printf 'Notice|%s\nNotice date|%s\n%s|%s\n' "$C_S" "$N_S" "$IDLABEL" "$IDVALUE" | pairs "$stub_style"
    echo "• Make your check or money order payable to the United States Treasury."
    if [ -n "$YEAR" ]; then
        echo "• Write your $IDWORDS ($IDVALUE), the $YWORDS ($Y_S), and the form"
        echo "number ($FORM) on your payment."
    else
        echo "• Write your $IDWORDS ($IDVALUE) and tax period(s) on your payment."
    fi
    case $1 in
    due) label1="Amount due by" label2="" date="$R_S" ;;
    received) label1="Amount due, to be" label2="received by" date="$R_S" ;;
    immediately) label1="Pay immediately" label2="" date="" ;;
    remitted) label1="Amount due remitted" label2="" date="" ;;
    esac
    if has stubmerge; then
        # Remittance address (left) and amount box (right) read as one block.
        {
            echo "$label1"
            [ -z "$label2" ] || echo "$label2"
            [ -z "$date" ] || echo "$date"
        } > "$tmp/right"
        printf 'INTERNAL REVENUE SERVICE\n%s\n' "$REMIT" > "$tmp/left"
        merge_columns "$tmp/left" "$tmp/right"
        if [ "$1" = remitted ]; then echo '$'; else echo "$A_S"; fi
    else
        echo "INTERNAL REVENUE SERVICE"
        echo "$REMIT"
        echo "$label1"
        [ -z "$label2" ] || echo "$label2"
        [ -z "$date" ] || echo "$date"
        if [ "$1" = remitted ]; then echo '$'; else echo "$A_S"; fi
    fi
    title_case "$NAME"
    echo "Payment"
    printf '%04d %07d %010d %07d %04d\n' "$((SEED % 10000))" "$((SEED * 7 % 10000000))" 0 0 0
}

# The header repeated atop page 2.
page2() {
    has p2 || has pages || return 0
    if has pages; then echo "--- page"; fi
    [ -z "$1" ] || echo "$1"
    {
        echo "Notice|$C_2"
        [ -z "$YEAR" ] || echo "$YLABEL|$Y_H"
        echo "Notice date|$N_2"
        echo "$IDLABEL|$IDVALUE"
        echo "Page 2 of $PAGES"
    } | pairs "$STYLE"
}

# The contact stub at the end of page 2: it may repeat an older notice date.
contact_stub() {
    has oldstub || return 0
    echo "Contact information"
    echo "If your address has changed, please call $PHONE or visit www.irs.gov."
    echo "☐ Please check here if you've included any correspondence."
    echo "Primary phone Best time to call"
    echo "$(title_case "$NAME")"
    printf 'Notice|%s\nNotice date|%s\n%s|%s\n' "$C_2" "$(long_date "$EARLY2")" "$IDLABEL" "$IDVALUE" | pairs stacked
}

payments_table() {
    has paytbl || return 0
    echo "Payments we received for the tax period"
    echo "Date received Amount"
    p_year=$(( ${YEAR:-2022} % 100 ))
    echo "4/15/$p_year \$$(money $((PAY / 2)))"
    echo "6/17/$p_year $(money $((PAY / 4)))"
    echo "9/16/$p_year $(money $((PAY / 8)))"
    echo "1/15/$(((p_year + 1) % 100)) $(money $((PAY - PAY / 2 - PAY / 4 - PAY / 8)))"
    echo "Total payments \$$(money "$PAY")"
}

earlier_notices() {
    has earlier || return 0
    echo "We sent you a notice about this balance on $(long_date "$EARLY1") and"
    echo "a reminder on $(long_date "$EARLY2"). Our notice dated $(long_date "$EARLY2")"
    echo "asked you to pay by $(long_date "$(later "$EARLY2" 21)")."
    [ -z "$EARLIER_CODE" ] || echo "See our Notice $EARLIER_CODE for how this balance was figured."
}

# Body filters for the flags.
body_filter() {
    if has hyph; then
        sed -e 's/immediately/immedi-~ately/' -e 's/ received by/ re-~ceived by/' \
            -e 's/information/infor-~mation/' -e 's/Respond by/Re-~spond by/' \
            -e 's/petition with/peti-~tion with/' -e 's/ payment / pay-~ment /'
    else
        cat
    fi | if has rnm; then
        sed -e '0,/Amount due/s//Arnount due/' -e 's/Payment Due Immediately/Payrnent Due Immediately/'
    else
        cat
    fi
}

label_filter() {
    if has lbreak; then
        sed -e 's/^Notice date/Notice~date/' -e 's/^Tax year/Tax~year/' -e 's/^Tax period/Tax~period/' \
            -e 's/^Amount due by/Amount due~by/' -e 's/^Respond by/Respond~by/' \
            -e 's/^Amount due immediately/Amount~due immediately/' -e 's/^Last day to file/Last day~to file/'
    else
        cat
    fi
}

noise_filter() {
    if has noise; then
        awk '{print} NR == 2 {print "| —"} NR == 9 {print "ee ."} NR == 17 {print "= :"} NR == 30 {print "‘ |"}'
    else
        cat
    fi
}

quote_filter() {
    if has quotes; then sed "s/'/’/g; s/ \"/ “/g; s/\"/”/g"; else cat; fi
}

# Puts a notice together: header, address, body, stub, page 2.
assemble() { # $1 body function, $2 stub kind, $3 page-2 text function
    {
        if [ "$STYLE" = bodyfirst ]; then
            "$1" | body_filter | label_filter
            header | label_filter
            address
        else
            header | label_filter
            address
            "$1" | body_filter | label_filter
        fi
        stub "$2" | label_filter
        page2 "" | label_filter
        [ -z "$3" ] || "$3"
        contact_stub
    } | noise_filter | quote_filter
}

# ---- notice templates -----------------------------------------------------------
#
# Each sets EXP_* (what a careful reader writes down) and prints the text.

individual() {
    person "$SEED"
    IDLABEL="Social security number"
    IDWORDS="social security number"
    IDVALUE="XXX-XX-$(printf %04d $((SEED * 7919 % 9000 + 1000)))"
    YLABEL="Tax year"
    YWORDS="tax year"
    FORM=1040
}

company() {
    business "$SEED"
    IDLABEL="Employer ID number"
    IDWORDS="employer ID number"
    IDVALUE="$(printf '%02d-%07d' $((SEED % 80 + 10)) $((SEED * 48271 % 9000000 + 1000000)))"
    YLABEL="Tax period"
    YWORDS="tax period"
    FORM=941
}

# --- balance due family: CP14, CP501, CP503, CP71C, CP11, CP21A, CP22A ---

billing_summary() { # $1: label of the last row (with its date)
    echo "Billing Summary"
    if has table; then
        row "Account balance before this notice" "\$$(money $((TAX - PAY)))"
        row "Tax you owed" "\$$(money "$TAX")"
        row "Payments and credits" "-$(money "$PAY")"
        row "Failure-to-file penalty" "$(money $((P1 / 2)))"
        row "Failure-to-pay penalty" "$(money $((P1 - P1 / 2)))"
        row "Interest charges" "$(money "$INT")"
        row "Failure-to-pay estimated tax penalty" "0.00"
        row "Total penalties and interest" "$(money $((P1 + INT)))"
    else
        row "Tax you owed" "\$$(money "$TAX")"
        row "Payments and credits" "-$(money "$PAY")"
        row "Failure-to-pay penalty" "$(money "$P1")"
        row "Interest charges" "$(money "$INT")"
    fi
    if has bkr; then
        echo "$1"
        bankruptcy
        echo "$A_T"
    else
        row "$1" "$A_T"
    fi
}

b_cp14() {
    echo "You have a balance due for $Y_B"
    echo "Amount due: $A_H"
    echo "Our records show you have unpaid taxes and/or penalties and interest"
    echo "on your $Y_B Form 1040."
    echo "If you already paid your balance in full within the last 21 days or made"
    echo "payment arrangements, please disregard this notice."
    earlier_notices
    billing_summary "Amount due by $R_T"
    echo "What you need to do immediately"
    echo "If you agree with the amount due and you're not working with an IRS representative"
    echo "• Pay the amount due of $A_B by $R_B, to avoid"
    echo "penalty and interest charges."
    echo "• Pay online or mail a check or money order with the attached payment"
    echo "stub. You can pay online now at www.irs.gov/payments."
    payments_table
}
t_cp14() { individual; assemble b_cp14 due ""; }

b_cp501() {
    echo "You have unpaid taxes for $Y_B"
    echo "Amount due: $A_H"
    echo "Our records show you have unpaid taxes for the tax year ended"
    echo "December 31, $Y_B (Form 1040)."
    earlier_notices
    billing_summary "Amount due, to be~received by $R_T"
    echo "What you need to do immediately"
    if has v2; then
        echo "• Pay the full balance by $R_B so that no more interest is added."
    else
        echo "• Payment for the amount due of $A_B must be received by $R_B"
        echo "to avoid additional interest and penalty charges."
    fi
    echo "• If you can't pay the amount due, pay as much as you can now and"
    echo "visit www.irs.gov/paymentplan to set up a payment plan."
    payments_table
}
t_cp501() { individual; assemble b_cp501 received ""; }

b_cp503() {
    echo "Second reminder: You have unpaid taxes for $Y_B"
    echo "Amount due: $A_H"
    echo "As we notified you before, our records show you have unpaid taxes for"
    echo "the tax year ended December 31, $Y_B (Form 1040). If you don't pay"
    echo "$A_B by $R_B, the amount of interest will increase"
    echo "and additional penalties may apply."
    echo "We sent you earlier notices (CP14 and CP501) about this balance."
    earlier_notices
    billing_summary "Amount due by $R_T"
    echo "What you need to do immediately"
    echo "• Pay the amount due of $A_B by $R_B, to avoid"
    echo "additional interest and applicable penalty charges."
    payments_table
}
t_cp503() { individual; assemble b_cp503 due ""; }

b_cp71c() {
    echo "Annual reminder of balance due taxes for tax year $Y_B"
    echo "Amount due: $A_H"
    echo "We're required to send you this annual reminder explaining the amount"
    echo "you still owe for your $Y_B Form 1040 taxes."
    echo "If you already have an installment agreement or we told you that we"
    echo "suspended collection on your account, you don't need to do anything."
    billing_summary "Amount due by $R_T"
    echo "To keep interest and penalties from growing, pay the amount"
    echo "due by $R_B."
    payments_table
}
t_cp71c() { individual; assemble b_cp71c due ""; }

b_cp11() {
    echo "Changes to your $Y_B Form 1040"
    echo "Amount due: $A_H"
    echo "We found a miscalculation on your $Y_B Form 1040, which affects the"
    echo "following area of your return:"
    echo "• Recovery Rebate Credit"
    echo "We changed your return to correct this error. As a result, you owe $A_B."
    billing_summary "Amount due by $R_T"
    echo "What you need to do immediately"
    echo "If you agree with the changes we made"
    echo "• Pay the amount due of $A_B by $R_B to avoid additional penalty"
    echo "and interest charges."
    echo "If you disagree with the changes we made"
    echo "• Contact us in writing within 60 days from the date of this notice and"
    echo "we'll reverse the change."
}
t_cp11() { individual; assemble b_cp11 due ""; }

b_cp22a() {
    echo "Changes to your $Y_B Form 1040"
    echo "Amount due: $A_H"
    echo "Based on the information you gave us, we changed your $Y_B Form 1040 to correct:"
    echo "• your filing status"
    echo "• the amount of your education credit"
    echo "As a result, you owe $A_B. If you paid the amount you owe or made payment"
    echo "arrangements within the past 21 days, please disregard this notice."
    echo "Billing Summary"
    row "Account balance before this change" "\$$(money "$PAY")"
    row "Increase in tax" "$(money $((CENTS - PAY - INT)))"
    row "Increase in interest" "$(money "$INT")"
    row "Amount due by $R_T" "$A_T"
    echo "What you need to do immediately"
    echo "• Pay the amount due of $A_B by $R_B, to avoid additional"
    echo "penalty and interest charges."
}
t_cp22a() { individual; assemble b_cp22a due ""; }

b_cp21a() {
    echo "Changes to your $Y_B Form 1040"
    echo "Amount due: $A_H"
    echo "We changed your $Y_B Form 1040 as you asked on your amended return"
    echo "(Form 1040-X) received $(long_date "$EARLY1")."
    echo "Billing Summary"
    row "Previous balance" "0.00"
    row "Increase in tax" "$(money $((CENTS - INT)))"
    row "Interest" "$(money "$INT")"
    row "Amount due by $R_T" "$A_T"
    echo "• Pay the amount due of $A_B by $R_B to avoid more interest."
}
t_cp21a() { individual; assemble b_cp21a due ""; }

# --- collection: CP504, CP504B, CP90, LT11, CP523 ---

b_cp504() {
    echo "Notice of intent to seize (levy) your property or rights to property"
    echo "Amount due immediately: $A_H"
    echo "This is a notice of intent to levy your state tax refund or other"
    echo "property. As we notified you before, our records show you have unpaid"
    echo "taxes for the tax year ended December 31, $Y_B. If you don't call us to"
    echo "make payment arrangements or we don't receive the amount due within 30"
    echo "days from the date of this notice, we may levy your property or rights"
    echo "to property and apply it to the $A_B you owe."
    earlier_notices
    echo "Billing Summary"
    row "Amount you owed" "\$$(money $((CENTS - P1 - INT)))"
    row "Failure-to-pay penalty" "$(money "$P1")"
    row "Interest charges" "$(money "$INT")"
    row "Amount due immediately" "$A_T"
    echo "What you need to do immediately"
    echo "• Pay the amount due of $A_B immediately or we may file a \"Notice of"
    echo "Federal Tax Lien\" and the failure-to-pay penalty will increase."
}
t_cp504() { individual; EXP_RD=; assemble b_cp504 immediately ""; }

b_cp504b() {
    echo "Notice of intent to levy"
    echo "Intent to seize your property or rights to property"
    echo "Amount due immediately: $A_H"
    echo "As we notified you before, our records show you have unpaid taxes"
    echo "for the tax period ending $Y_B (Form 941). If you don't pay the amount due"
    echo "immediately or call us, we may levy your business assets, including"
    echo "payments from federal contracts, without a prior hearing."
    echo "Billing Summary"
    row "Amount you owed" "\$$(money $((CENTS - P1 - INT)))"
    row "Failure-to-deposit penalty" "$(money $((P1 / 3)))"
    row "Failure-to-pay penalty" "$(money $((P1 - P1 / 3)))"
    row "Interest charges" "$(money "$INT")"
    row "Amount due immediately" "$A_T"
    payments_table
}
t_cp504b() { company; EXP_RD=; assemble b_cp504b immediately ""; }

b_cp90() {
    echo "Intent to seize your assets and notice of your right to a hearing"
    echo "Amount due immediately: $A_H"
    echo "We haven't received full payment despite sending you several notices"
    echo "about your unpaid federal taxes. The IRS may seize (levy) your"
    echo "property. However, you can appeal the proposed seizure (levy) of your"
    echo "assets by requesting a Collection Due Process hearing (Internal"
    echo "Revenue Code Section 6330) by $R_H."
    earlier_notices
    echo "Billing Summary"
    row "Amount you owed" "\$$(money $((CENTS - P1)))"
    row "Additional failure-to-pay penalty" "$(money "$P1")"
    row "Additional interest charges" "0.00"
    row "Amount due immediately" "$A_T"
    echo "What you need to do immediately"
    echo "• Send us the amount due of $A_B, or we may seize (levy) your"
    echo "property on or after $R_B."
}
p2_cp90() {
    echo "Right to request a Collection Due Process hearing"
    echo "If you wish to appeal this proposed levy, complete and mail Form 12153,"
    echo "Request for a Collection Due Process or Equivalent Hearing, by $R_S."
}
t_cp90() { individual; assemble b_cp90 immediately p2_cp90; }

b_lt11() {
    echo "Intent to seize your property or rights to property"
    echo "Amount due: $A_H"
    echo "We haven't received full payment of the taxes you owe for $Y_B despite"
    echo "our previous notices. We intend to seize (levy) your wages, bank"
    echo "accounts and other property to collect what you owe."
    earlier_notices
    echo "Billing Summary"
    row "Amount you owed" "\$$(money $((CENTS - P1 - INT)))"
    row "Failure-to-pay penalty" "$(money "$P1")"
    row "Interest charges" "$(money "$INT")"
    row "Amount due" "$A_T"
    echo "What you need to do immediately"
    echo "• Pay the amount you owe immediately, or call us to make arrangements."
    if has nodate; then
        echo "• If you disagree, you may request a Collection Due Process hearing"
        echo "within 30 days from the date of this letter on Form 12153."
    else
        echo "• If you disagree, request a Collection Due Process hearing with the"
        echo "IRS Independent Office of Appeals by $R_B. Use Form 12153."
        echo "We may levy on or after $R_H if you don't pay or request a hearing."
    fi
}
t_lt11() {
    individual
    if has nodate; then EXP_RD=; fi
    assemble b_lt11 immediately ""
}

b_cp523() {
    echo "Notice of intent to levy"
    echo "Intent to terminate your installment agreement"
    echo "Payment Due Immediately $A_H"
    echo "The monthly payment for your installment agreement is past due. We"
    echo "didn't receive one or more payments from you, as your installment"
    echo "agreement requires. If you don't make the required payments (the past"
    echo "due amount), we will terminate your installment agreement 30 days from"
    echo "the date of this notice."
    echo "Billing Summary"
    row "Amount you owed" "\$$(money $((TOTAL - P1 - INT)))"
    row "Failure-to-pay penalty" "$(money "$P1")"
    row "Interest charges" "$(money "$INT")"
    if has v2; then
        row "Total amount due if we terminate your installment agreement" "\$$(money "$TOTAL")"
    else
        echo "Total amount due if we terminate your"
        echo "\$$(money "$TOTAL")"
        echo "installment agreement and you exhaust"
        echo "your appeal rights"
    fi
    echo "Past Due Amount Due Immediately (to prevent"
    echo "$A_T"
    echo "default of your Installment Agreement)"
}
t_cp523() {
    individual
    YLABEL="Tax period"
    YWORDS="tax year"
    EXP_RD=
    TOTAL=$((CENTS * 31 + 123456))
    assemble b_cp523 remitted ""
}

# --- business balance due: CP161 ---

b_cp161() {
    echo "You have unpaid taxes for $Y_B"
    echo "Amount due: $A_H"
    echo "Our records show you have unpaid taxes for the tax period ending"
    echo "$Y_B Form 941."
    echo "Billing Summary"
    row "Tax you owed" "\$$(money "$TAX")"
    row "Payments you made" "– $(money "$PAY")"
    row "Failure-to-deposit penalty" "$(money $((P1 / 2)))"
    row "Failure-to-pay penalty" "$(money $((P1 - P1 / 2)))"
    row "Interest charges" "$(money "$INT")"
    row "Amount due by $R_T" "$A_T"
    echo "What you need to do immediately"
    echo "You must pay the unpaid tax of \$$(money $((UNPAID * 100)) | sed 's/\.00$//') by $(long_date "$(later "$ND_ISO" 10)"),"
    echo "and the full balance by $R_B to avoid additional charges."
    payments_table
}
t_cp161() {
    company
    UNPAID=$((CENTS * 8 / 1000 * 1000 / 100))
    assemble b_cp161 due ""
}

# --- refunds, information: CP12, CP13, CP49, CP59 ---

b_cp12() {
    echo "Changes to your $Y_B Form 1040"
    echo "Adjusted refund: $A_H"
    echo "We believe there's a miscalculation on your $Y_B Form 1040, which"
    echo "affects the following area of your return: Earned Income Credit."
    echo "We made changes to your return to correct this error. As a result,"
    echo "you are due a refund of $A_B."
    echo "Summary"
    row "Refund you requested" "\$$(money $((CENTS + P1)))"
    row "Decrease in credits" "– $(money "$P1")"
    row "Overpayment" "$A_T"
    echo "What you need to do"
    echo "• You should receive a refund of $A_B in 4-6 weeks as long as you don't"
    echo "owe other tax or debts we're required to collect."
    echo "• If you disagree, contact us within 60 days of the date of this notice."
}
t_cp12() { individual; EXP_AMT= EXP_RD=; assemble b_cp12 none ""; }

b_cp13() {
    echo "Changes to your $Y_B Form 1040"
    echo "Amount due: \$0.00"
    echo "We made changes to your return because we believe there's a"
    echo "miscalculation. As a result, you don't owe any money and you won't"
    echo "receive a refund."
    echo "Summary"
    row "Refund you requested" "\$$(money "$CENTS")"
    row "Decrease in refundable credits" "-$(money "$CENTS")"
    row "Balance" "0.00"
    echo "If you disagree, contact us within 60 days of the date of this notice."
}
t_cp13() { individual; EXP_AMT= EXP_RD=; assemble b_cp13 none ""; }

b_cp49() {
    echo "We applied your $Y_B Form 1040 overpayment to an unpaid balance"
    echo "Refund due: $A_H"
    echo "We applied \$$(money "$P1") of your $Y_B Form 1040 overpayment to an amount"
    echo "owed for $((YEAR - 2))."
    echo "As a result, your refund has been reduced to $A_B."
    echo "Summary"
    row "Overpayment for $Y_B" "\$$(money $((CENTS + P1)))"
    row "Amount applied to tax owed for $((YEAR - 2))" "-$(money "$P1")"
    row "Remaining balance for $((YEAR - 2))" "0.00"
    row "Refund due" "$A_T"
    echo "What you need to do"
    echo "• If you haven't received a refund check for $A_B, you should receive it"
    echo "within 2-3 weeks. File your $((YEAR + 1)) tax return on time to avoid delays."
}
t_cp49() { individual; EXP_AMT= EXP_RD=; assemble b_cp49 none ""; }

b_cp59() {
    echo "Message about your $Y_B Form 1040"
    echo "You didn't file a Form 1040 tax return"
    echo "Our records show that you haven't filed your tax return for the tax"
    echo "year ending on December 31, $Y_B."
    echo "What you need to do immediately"
    echo "If you're required to file a tax return for $Y_B, please do so immediately."
    echo "• Complete and sign your return, include a payment for any taxes due,"
    echo "and mail it to us using the envelope provided."
    echo "• If you're due a refund, you must file to claim it by April 15, $((YEAR + 4))."
    echo "If you don't think you had to file, complete Form 15103 and send it to us."
}
t_cp59() {
    individual
    Y_H="December 31, $Y_H"
    EXP_AMT= EXP_RD=
    assemble b_cp59 none ""
}

# --- audits, underreporting, deficiency: CP75, CP2501, CP2000, CP3219A ---

b_cp75() {
    echo "We're auditing your $Y_B Form 1040"
    echo "You need to send supporting documentation"
    echo "We're holding the Earned Income Credit portion of your refund,"
    echo "\$$(money "$CENTS"), pending the results of the audit."
    echo "You must respond within 30 days from the date of this notice or we'll"
    echo "disallow the items being audited, and you may owe additional tax."
    echo "What you need to do immediately"
    echo "• Send copies of documents that support the audit items below."
    echo "• Complete the Response form and mail or fax it to us within 30 days."
    echo "Earned Income Credit Form 1040"
    echo "• Review the enclosed Form 886-H-EIC for tax year $Y_B."
}
t_cp75() { individual; EXP_AMT= EXP_RD=; assemble b_cp75 none ""; }

b_cp2501() {
    echo "We need to verify the income on your $Y_B tax return"
    echo "The income and payment information we have on file from your employers,"
    echo "banks and other payers doesn't match the information on your $Y_B Form 1040."
    echo "Information reported to us"
    echo "Form 1099-INT interest \$$(money "$P1")"
    echo "Form 1099-B proceeds \$$(money "$TAX")"
    if has nodate; then
        echo "Please respond within 30 days from the date of this notice."
    else
        echo "Respond by $R_B"
    fi
    echo "If we don't hear from you, we may send you a notice proposing changes (CP2000)."
    echo "This notice is not a bill."
}
t_cp2501() {
    individual
    EXP_AMT=
    if has nodate; then EXP_RD=; fi
    assemble b_cp2501 none ""
}

b_cp2000() {
    echo "Notice of proposed adjustment for tax year $Y_B"
    if has v2; then
        echo "Proposed refund: $A_H"
    else
        echo "Proposed amount due: $A_H"
    fi
    echo "The income and payment information we have on file from your employers,"
    echo "banks and other payers doesn't match what you reported on your $Y_B Form 1040."
    if has v2; then
        echo "If you agree, we'll send you a refund of $A_B."
    fi
    echo "AUR control number $((SEED * 131 % 90000 + 87000)) $((SEED % 9)) $((SEED * 17 % 90 + 10))"
    echo "Respond by $R_H"
    echo "Summary of proposed changes"
    row "Increase in tax" "\$$(money "$TAX")"
    row "Payments and credits" "$(money 0)"
    row "Substantial underpayment penalty (IRC Section 6662)" "$(money "$P1")"
    row "Interest (figured to $(long_date "$(later "$ND_ISO" 30)"))" "$(money "$INT")"
    if has v2; then
        row "Proposed refund" "$A_T"
    else
        row "Proposed amount due" "$A_T"
    fi
    echo "Form 1099-B from HARBORVIEW BROKERAGE, proceeds \$$(money $((TAX * 5)))"
    echo "What you need to do"
    echo "Complete the Response form and mail or fax it to us by $R_B."
    echo "If we don't hear from you by $R_B, we'll send you a Statutory Notice of"
    echo "Deficiency (CP3219A) and then a bill."
}
p2_cp2000() {
    echo "Response form"
    echo "Response due date $R_S"
}
t_cp2000() {
    individual
    if has v2; then EXP_AMT=; fi
    assemble b_cp2000 none p2_cp2000
}

b_cp2000old() {
    echo "Proposed Changes to your $Y_B Income Tax Return"
    echo "You Must Return the Response Form by $R_H"
    echo "Summary of Proposed Changes"
    echo "Tax Increase \$$(money "$TAX")"
    echo "Penalty \$$(money "$P1")"
    echo "Interest - if paid by $R_B \$$(money "$INT")"
    echo "Proposed Balance Due $A_H"
    echo "If you don't respond, we will send a statutory notice of deficiency."
}
t_cp2000old() { individual; assemble b_cp2000old none ""; }

b_cp3219a() {
    echo "Notice of deficiency"
    echo "Last day to file a petition with the United States Tax Court: $R_H"
    echo "We determined that there is a deficiency (increase) in your income tax"
    echo "for $Y_B, based on the information we have from your employers, banks and"
    echo "other payers. We sent you a proposal (CP2000) on $(long_date "$EARLY1")."
    echo "Deficiency summary"
    row "Increase in tax" "\$$(money "$TAX")"
    row "Accuracy-related penalty (IRC Section 6662)" "$(money "$P1")"
    row "Deficiency" "\$$(money $((TAX + P1)))"
    echo "If you agree, sign the enclosed Form 5564, Notice of Deficiency - Waiver."
    echo "If you don't agree, you have 90 days from the date of this letter (150"
    echo "days if addressed outside the United States) to file a petition with the"
    echo "United States Tax Court. The last day to file your petition is $R_B."
}
t_cp3219a() { individual; EXP_AMT=; assemble b_cp3219a none ""; }

# --- letters: Letter 1058, Letter 5071C ---

letter_header() { # letter-style header block on the right
    {
        echo "$DATELABEL|$N_H"
        [ -z "${LETTER_TOP:-}" ] || echo "$LETTER_TOP"
        [ -z "$YEAR" ] || [ -z "$HEADER_YEAR" ] || echo "$YLABEL:|$Y_H"
        echo "$IDLABEL:|$IDVALUE"
        echo "Person to contact:|$CONTACT"
        echo "Employee ID number:|$((SEED * 977 % 9000000 + 1000000))"
        echo "Contact telephone number:|$PHONE"
    } > "$tmp/items"
    sender > "$tmp/left"
    case $STYLE in
    merged)
        pairs inline < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/left" "$tmp/right"
        ;;
    mergedlabel)
        pairs stacked < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/left" "$tmp/right"
        ;;
    mergedright)
        pairs inline < "$tmp/items" > "$tmp/right"
        merge_columns "$tmp/right" "$tmp/left"
        ;;
    *)
        cat "$tmp/left"
        pairs "$STYLE" < "$tmp/items"
        ;;
    esac
}

b_ltr1058() {
    echo "Final Notice"
    echo "Notice of Intent to Levy and Notice of Your Right to a Hearing"
    echo "Please respond immediately."
    echo "We have written to you about your unpaid taxes, but the amount you owe"
    echo "is still unpaid. We intend to levy your property or rights to property."
    echo "Tax Form Tax Period Unpaid Amount Additional Additional Amount"
    echo "from Prior Notices Penalty Interest You Owe"
    echo "1040 $(date -d "$YEAR-12-31" +%m/%d/%Y) \$$(money $((CENTS - P1 - INT))) \$$(money "$P1") \$$(money "$INT") $A_T"
    echo "Amount you owe $A_H"
    if has nodate; then
        echo "You have the right to a Collection Due Process hearing. To ask for one,"
        echo "send us Form 12153 within 30 days from the date of this letter."
    else
        echo "You have the right to a Collection Due Process hearing. To ask for one,"
        echo "send us Form 12153 no later than $R_B."
    fi
    echo "If you don't pay the amount you owe, make arrangements to pay, or request"
    echo "a hearing, we may levy your wages, bank accounts and other property."
    echo "Enclosures: Publication 594, Publication 1660, Form 12153"
    echo "$LETTER_FOOT"
}
t_ltr1058() {
    individual
    DATELABEL="Date:"
    YLABEL="Tax period"
    CONTACT="R. Castellano"
    LETTER_FOOT="Letter $C_S (Rev. 7-2022)"
    Y_H="December 31, $Y_H"
    if has nodate; then EXP_RD=; fi
    if has v2; then
        # The letter number in the header; the tax period only in the table.
        LETTER_TOP="Letter number:|$C_H"
        DATELABEL="Letter date"
        HEADER_YEAR=""
    else
        LETTER_TOP="Letter $C_H (DO)|"
    fi
    {
        letter_header | label_filter
        address
        b_ltr1058 | body_filter | label_filter
    } | noise_filter | quote_filter
}

b_ltr5071c() {
    echo "We need to verify your identity"
    echo "We received a federal income tax return for $Y_B with your name and"
    echo "taxpayer identification number. To protect you from identity theft, we"
    echo "need to verify your identity before we process the return. The return"
    echo "shows a refund of \$$(money "$CENTS")."
    echo "What you need to do"
    echo "Verify your identity online at idverify.irs.gov or call us at $PHONE"
    echo "within 30 days from the date of this letter. Have this letter, a copy of"
    echo "your $Y_B Form 1040, and a copy of your $((YEAR - 1)) Form 1040 (if you filed one)"
    echo "with you."
    echo "If you didn't file this return, tell us so when you call."
    echo "$LETTER_FOOT"
}
t_ltr5071c() {
    individual
    DATELABEL="Date:"
    YLABEL="Tax year"
    CONTACT="Identity Verification Unit"
    EXP_AMT= EXP_RD=
    LETTER_FOOT="Letter $C_S (Rev. 4-2023)"
    if has v2; then
        # The date alone above the address, no label; the code only in the footer.
        DATELABEL=""
    fi
    {
        if [ -z "$DATELABEL" ]; then
            sender
            echo "$N_H"
            {
                [ -z "$YEAR" ] || echo "Tax year:|$Y_H"
                echo "Form:|1040"
                echo "Person to contact:|$CONTACT"
                echo "Toll-free telephone number:|$PHONE"
            } | pairs "$STYLE"
        else
            letter_header | label_filter
        fi
        address
        b_ltr5071c | body_filter | label_filter
    } | noise_filter | quote_filter
}

# ---- one case -------------------------------------------------------------------

SEED=0
make_case() { # name type style year amount notice response damage...
    name=$1 type=$2 STYLE=$3 YEAR=$4 amount=$5 ND_ISO=$6 response=$7
    shift 7
    DAMAGE="$*"
    SEED=$((SEED + 1))
    FLAGS=""
    LETTER_TOP=""
    HEADER_YEAR=yes
    case $type in
    cp501) EARLIER_CODE=CP14 ;;
    cp503) EARLIER_CODE=CP501 ;;
    cp504) EARLIER_CODE=CP503 ;;
    cp90 | lt11) EARLIER_CODE=CP504 ;;
    *) EARLIER_CODE="" ;;
    esac
    [ "$YEAR" != - ] || YEAR=""
    [ "$amount" != - ] || amount=0.00
    CENTS=$(to_cents "$amount")
    case $response in
    -) RD_ISO="" ;;
    +*) RD_ISO=$(later "$ND_ISO" "${response#+}") ;;
    *) RD_ISO=$response ;;
    esac
    EARLY1=$(date -d "$ND_ISO - $((70 + SEED % 20)) days" +%F)
    EARLY2=$(date -d "$ND_ISO - $((35 + SEED % 9)) days" +%F)
    PAGES=$((3 + SEED % 4))
    CALLER=$((SEED * 4513 % 900000 + 100000))
    case $((SEED % 5)) in
    0) PHONE="800-829-0922" ;;
    1) PHONE="800-829-8374" ;;
    2) PHONE="866-897-0161" ;;
    3) PHONE="800-829-1040" ;;
    4) PHONE="1-800-829-4933" ;;
    esac
    campus "$SEED"
    # Amounts of the billing summary, made to add up to the amount due.
    base=$CENTS
    [ "$base" -gt 0 ] || base=$((SEED * 7717 % 500000 + 10000))
    P1=$((base * 6 / 100 + 17))
    INT=$((base * 3 / 100 + 9))
    PAY=$((base * 7 / 3 / 100 * 100))
    TAX=$((base + PAY - P1 - INT))

    code=$(echo "$type" | tr 'a-z' 'A-Z')
    case $code in
    CP2000OLD) code=CP2000 ;;
    LTR*) code=${code#LTR} ;;
    esac
    C_H=$code C_S=$code C_2=$code
    Y_H=$YEAR Y_B=$YEAR Y_S=$YEAR
    N_H=$(long_date "$ND_ISO") N_S=$N_H N_2=$N_H
    if [ -n "$RD_ISO" ]; then
        R_H=$(long_date "$RD_ISO") R_T=$R_H R_S=$R_H R_B=$R_H
    else
        R_H="" R_T="" R_S="" R_B=""
    fi
    A_H="\$$(money "$CENTS")" A_T=$A_H A_S=$A_H A_B=$A_H
    if [ "$type" = cp161 ] || [ "$type" = cp504b ]; then
        # A business tax period is printed as its last day.
        Y_H="December 31, $YEAR" Y_B="December 31, $YEAR" Y_S="December 31, $YEAR"
    fi
    apply_damage

    EXP_CODE=$code
    case $type in ltr*) EXP_CODE="LTR$code" ;; esac
    EXP_YEAR=$YEAR
    EXP_AMT=$(money "$CENTS" | tr -d ,)
    [ "$amount" != 0.00 ] || EXP_AMT=""
    EXP_RD=$RD_ISO
    EXP_ND=$ND_ISO
    "t_$type" > "$tmp/text"
    {
        echo "=== case $name"
        echo "# $type, header $STYLE${DAMAGE:+, $DAMAGE}"
        echo "expect notice_code $EXP_CODE"
        echo "expect tax_year ${EXP_YEAR:-null}"
        echo "expect amount_due ${EXP_AMT:-null}"
        echo "expect response_date ${EXP_RD:-null}"
        echo "expect notice_date ${EXP_ND:-null}"
        echo "--- text"
        tr '~' '\n' < "$tmp/text"
    } >> "$tmp/cases"
}

: > "$tmp/cases"
while read -r line <&3; do
    case $line in
    '' | '#'*) continue ;;
    esac
    # shellcheck disable=SC2086
    make_case $line
done 3<< 'ROWS'
# name                         type      style       year amount    notice     resp  damage and flags
cp14-clean-stacked             cp14      stacked     2023 1075.21   2024-03-04 +21
cp14-clean-inline              cp14      inline      2022 2417.86   2023-03-13 +21   p2
cp14-merged-columns            cp14      merged      2023 388.40    2024-05-20 +21
cp14-merged-labels             cp14      mergedlabel 2021 6204.19   2022-06-27 +21
cp14-split-header              cp14      split       2023 915.00    2024-04-08 +21   p2
cp14-body-first                cp14      bodyfirst   2022 12840.07  2023-07-10 +21
cp14-ocr-o-for-0               cp14      stacked     2023 1075.20   2024-03-04 +21   o0:A_H,R_T,N_H
cp14-ocr-o-everywhere          cp14      inline      2020 3090.05   2021-08-02 +21   o0:A,N,R,Y
cp14-ocr-l-for-1               cp14      stacked     2021 1411.13   2022-11-14 +21   l1:A_H,A_S,Y_H
cp14-ocr-I-for-1-code          cp14      inline      2023 741.18    2024-06-17 +21   I1:C_H,C_S
cp14-ocr-l-code                cp14      stacked     2023 519.91    2024-07-08 +21   l1:C_H I1:C_2 p2
cp14-dollar-as-S               cp14      stacked     2022 2985.55   2023-04-10 +21   dS:A
cp14-dollar-missing            cp14      inline      2022 660.72    2023-05-01 +21   d0:A
cp14-spaced-thousands          cp14      stacked     2023 1075.21   2024-03-25 +21   csp:A_H,A_S
cp14-comma-period-swap         cp14      inline      2021 4312.64   2022-09-19 +21   swap:A_H dcomma:A_T
cp14-space-before-cents        cp14      merged      2023 8807.43   2024-02-26 +21   cents:A_H,A_T gsp:A_S
cp14-code-spaced               cp14      stacked     2022 233.10    2023-06-05 +21   cpsp:C
cp14-month-typo                cp14      stacked     2023 1290.00   2024-01-29 +21   mtypo:N_H,R_T
cp14-month-typo-all            cp14      inline      2022 3377.81   2022-10-24 +21   mtypo:N,R
cp14-labels-broken             cp14      stacked     2023 455.29    2024-08-12 +21   lbreak
cp14-hyphenated-body           cp14      inline      2021 2048.16   2022-12-05 +21   hyph quotes
cp14-billing-table             cp14      stacked     2023 5150.38   2024-03-11 +21   table paytbl
cp14-bankruptcy-between        cp14      stacked     2017 1075.21   2018-01-30 +21   bkr
cp14-earlier-notices           cp14      inline      2023 1846.02   2024-09-09 +21   earlier
cp14-stub-merged               cp14      stacked     2022 702.50    2023-08-21 +21   stubmerge
cp14-no-stub-photo             cp14      merged      2023 3264.77   2024-10-07 +21   nostub
cp14-noise                     cp14      stacked     2022 149.99    2023-02-13 +21   noise o0:A_S
cp14-rn-for-m                  cp14      inline      2023 980.36    2024-04-15 +21   rnm
cp14-date-formats              cp14      stacked     2023 3604.58   2024-11-04 +21   abbr:N_H short:R_T
cp14-B-for-8                   cp14      inline      2022 1858.28   2023-09-18 +21   B8:A_H,A_S
cp14-Z-for-2                   cp14      stacked     2022 2727.12   2023-10-02 +21   Z2:A_H,Y_H
cp14-S-for-5                   cp14      merged      2024 5525.55   2025-03-03 +21   S5:A_H,A_T
cp14-two-pages                 cp14      stacked     2023 611.08    2024-05-06 +21   pages
cp14-date-broken               cp14      inline      2023 2301.47   2024-06-03 +21   brk:N_H,R_T nocomma:R_S
cp501-clean-stacked            cp501     stacked     2017 9533.53   2019-01-28 +22
cp501-inline                   cp501     inline      2022 1288.90   2023-05-15 +21
cp501-merged-columns           cp501     merged      2023 4400.15   2024-06-24 +21
cp501-merged-labels            cp501     mergedlabel 2022 719.02    2023-09-25 +21
cp501-split                    cp501     split       2021 15002.60  2022-08-29 +21   p2
cp501-ocr-o-for-0              cp501     stacked     2023 2040.00   2024-07-29 +21   o0:A_H,A_S,R_S
cp501-dollar-S-spaced          cp501     inline      2022 9533.53   2023-06-05 +21   dS:A_H csp:A_T d0:A_S
cp501-month-typo               cp501     stacked     2023 3110.85   2024-10-28 +21   mtypo:R_T,R_S
cp501-full-balance-wording     cp501     inline      2021 850.44    2022-03-21 +21   v2
cp501-labels-broken-hyph       cp501     stacked     2023 6071.39   2024-12-02 +21   lbreak hyph
cp501-earlier-notices          cp501     merged      2022 1999.99   2023-04-24 +21   earlier table
cp501-stub-merged              cp501     stacked     2023 527.61    2024-02-19 +21   stubmerge
cp501-code-damage              cp501     stacked     2022 3318.24   2023-11-13 +21   o0:C_H l1:C_S
cp501-two-pages                cp501     inline      2023 12447.03  2024-09-16 +21   pages paytbl
cp501-body-first               cp501     bodyfirst   2020 462.81    2021-07-26 +21   quotes
cp501-noise                    cp501     stacked     2021 2786.10   2022-10-17 +21   noise swap:A_H
cp503-clean-stacked            cp503     stacked     2016 9533.53   2018-01-08 +21
cp503-inline                   cp503     inline      2022 2210.45   2023-07-17 +21
cp503-merged                   cp503     merged      2023 780.00    2024-08-05 +21   o0:A_H
cp503-merged-labels            cp503     mergedlabel 2021 4105.12   2022-11-21 +21
cp503-split                    cp503     split       2022 1360.27   2023-12-11 +21   p2
cp503-ocr-code                 cp503     stacked     2023 5501.93   2024-09-30 +21   o0:C_H,C_S S5:C_2 p2
cp503-ocr-amounts              cp503     inline      2021 3815.58   2022-05-23 +21   S5:A_H B8:A_S l1:A_B
cp503-earlier-distractors      cp503     stacked     2023 918.66    2024-04-22 +21   earlier table
cp503-month-typo               cp503     stacked     2022 2674.10   2023-01-23 +21   mtypo:R,N_S
cp503-hyph-lbreak              cp503     inline      2023 1044.70   2024-03-18 +21   hyph lbreak quotes
cp503-stub-merged              cp503     merged      2022 6612.30   2023-10-30 +21   stubmerge
cp503-body-first               cp503     bodyfirst   2023 355.25    2024-11-25 +21   noise
cp71c-clean-stacked            cp71c     stacked     2017 9999.99   2019-01-30 +21
cp71c-inline                   cp71c     inline      2019 4321.00   2024-01-29 +21
cp71c-merged                   cp71c     merged      2018 12880.75  2023-01-30 +21
cp71c-code-spaced              cp71c     stacked     2020 2055.40   2024-01-29 +21   cpsp:C_2 p2
cp71c-ocr-I                    cp71c     inline      2019 7104.61   2025-01-27 +21   I1:A_H,Y_H
cp71c-earlier-table            cp71c     stacked     2018 3367.92   2022-01-31 +21   table paytbl
cp71c-month-typo-hyph          cp71c     split       2016 1502.18   2023-01-30 +21   mtypo:R_T hyph
cp71c-stub-merged              cp71c     mergedlabel 2019 908.33    2024-01-29 +21   stubmerge
cp71c-date-numeric             cp71c     stacked     2020 2466.06   2025-01-27 +21   num:R_T o0:A_T
cp11-clean-stacked             cp11      stacked     2017 435.73    2018-01-30 +21
cp11-inline                    cp11      inline      2022 1219.00   2023-06-12 +21
cp11-merged                    cp11      merged      2023 286.14    2024-05-13 +21
cp11-merged-labels             cp11      mergedlabel 2023 3740.62   2024-07-15 +21
cp11-ocr-o0-l1                 cp11      stacked     2021 1010.01   2022-06-06 +21   o0:A_H,A_T l1:A_S
cp11-dollar-S                  cp11      inline      2022 655.56    2023-04-03 +21   dS:A_H,A_T,A_S,A_B S5:N_H
cp11-lbreak-quotes             cp11      split       2023 2890.44   2024-09-23 +21   lbreak quotes
cp11-body-first                cp11      bodyfirst   2022 119.80    2023-08-28 +21   hyph
cp11-month-typo                cp11      stacked     2023 4003.27   2024-12-16 +21   mtypo:N_H,R_B
cp22a-clean-stacked            cp22a     stacked     2022 24.60     2023-02-13 +21
cp22a-inline                   cp22a     inline      2021 1386.92   2022-07-11 +21
cp22a-merged                   cp22a     merged      2023 573.05    2024-06-10 +21   csp:A_H
cp22a-ocr                      cp22a     stacked     2022 2208.80   2023-11-06 +21   o0:A_H Z2:Y_H,A_S B8:A_T
cp22a-labels-broken            cp22a     mergedlabel 2023 97.45     2024-03-04 +21   lbreak
cp22a-stub-merged              cp22a     inline      2020 4650.00   2021-10-04 +21   stubmerge dS:A_S
cp22a-two-pages                cp22a     stacked     2023 812.77    2024-08-26 +21   pages short:R_B
cp21a-clean-stacked            cp21a     stacked     2022 318.44    2023-09-11 +21
cp21a-inline-ocr               cp21a     inline      2023 1670.09   2024-10-14 +21   o0:A_H l1:A_T
cp21a-merged                   cp21a     merged      2021 94.12     2022-04-18 +21   p2
cp21a-split-month-typo         cp21a     split       2022 2533.60   2023-12-04 +21   mtypo:R_T,N_H
cp504-clean-stacked            cp504     stacked     2018 9533.53   2019-01-30 -
cp504-inline                   cp504     inline      2022 3807.29   2023-08-14 -
cp504-merged                   cp504     merged      2023 1265.48   2024-09-23 -
cp504-merged-labels            cp504     mergedlabel 2021 22140.00  2022-12-12 -
cp504-split                    cp504     split       2022 5078.35   2023-10-16 -     p2
cp504-body-first               cp504     bodyfirst   2023 743.91    2024-07-22 -
cp504-ocr-o0                   cp504     stacked     2022 6000.40   2023-03-27 -     o0:A_H,A_T,C_H
cp504-code-S-for-5             cp504     inline      2023 2811.05   2024-02-05 -     S5:C_H,C_S
cp504-dollar-S                 cp504     stacked     2021 1555.57   2022-04-25 -     dS:A_H,A_S S5:A_T
cp504-earlier-notices          cp504     inline      2023 4286.19   2024-11-18 -     earlier
cp504-lbreak-hyph              cp504     stacked     2022 902.66    2023-06-26 -     lbreak hyph quotes
cp504-stub-merged              cp504     merged      2023 3395.00   2024-05-27 -     stubmerge gsp:A_H
cp504-noise-month              cp504     stacked     2023 1802.22   2024-10-21 -     noise mtypo:N_H
cp504-two-pages                cp504     inline      2022 7710.31   2023-01-09 -     pages
cp504-rn-for-m                 cp504     stacked     2023 488.08    2024-08-19 -     rnm
cp504b-clean-stacked           cp504b    stacked     2023 18240.55  2024-04-22 -
cp504b-inline                  cp504b    inline      2022 6350.10   2023-05-29 -
cp504b-merged                  cp504b    merged      2023 41875.26  2024-07-01 -
cp504b-merged-labels           cp504b    mergedlabel 2021 2930.47   2022-09-05 -
cp504b-ocr-code                cp504b    stacked     2022 11300.00  2023-11-20 -     o0:C_H,A_S S5:C_S
cp504b-paytbl                  cp504b    inline      2023 9050.90   2024-12-09 -     paytbl table
cp504b-month-typo-period       cp504b    split       2022 3714.66   2023-02-20 -     mtypo:Y_H,N_S p2
cp504b-noise                   cp504b    bodyfirst   2023 27600.03  2024-06-03 -     noise dsp:A_H
cp90-clean-stacked             cp90      stacked     -    5947.81   2019-01-23 +30
cp90-inline                    cp90      inline      -    3388.72   2023-09-05 +30
cp90-merged                    cp90      merged      -    10420.19  2024-02-12 +30
cp90-merged-labels             cp90      mergedlabel -    722.05    2022-08-15 +30
cp90-with-year                 cp90      stacked     2021 2650.37   2023-03-20 +30
cp90-split                     cp90      split       -    8181.18   2024-06-24 +30   p2
cp90-ocr                       cp90      stacked     -    4008.60   2023-11-27 +30   o0:A_H,R_H l1:N_H
cp90-month-typo                cp90      inline      -    1376.44   2024-10-07 +30   mtypo:R_H,R_B
cp90-hyph-lbreak               cp90      stacked     2022 9099.09   2024-01-16 +30   hyph lbreak
cp90-two-pages                 cp90      inline      -    515.25    2023-04-17 +30   pages earlier
cp90-stub-merged               cp90      bodyfirst   -    2204.83   2024-08-12 +30   stubmerge quotes
lt11-clean-stacked             lt11      stacked     2021 7304.18   2023-05-08 +30
lt11-inline                    lt11      inline      2022 1882.40   2024-03-11 +30
lt11-merged                    lt11      merged      2020 15420.66  2022-10-03 +30
lt11-code-II                   lt11      stacked     2022 642.39    2024-07-15 +30   I1:C_H,C_S
lt11-code-ll                   lt11      inline      2023 3099.01   2025-02-03 +30   l1:C_H,C_S,C_2 p2
lt11-merged-labels             lt11      mergedlabel 2021 5261.90   2023-12-18 +30
lt11-no-printed-date           lt11      stacked     2022 4480.75   2024-04-29 +30   nodate
lt11-ocr-amounts               lt11      split       2021 2115.85   2023-08-28 +30   o0:A_H S5:A_T d0:A_S p2
lt11-month-typo                lt11      stacked     2022 808.80    2024-09-02 +30   mtypo:R_B hyph
lt11-earlier                   lt11      inline      2023 1234.56   2025-01-13 +30   earlier noise
ltr1058-clean                  ltr1058   stacked     2021 5920.44   2023-06-05 +30
ltr1058-inline                 ltr1058   inline      2022 2713.08   2024-02-26 +30
ltr1058-merged                 ltr1058   merged      2020 11084.31  2022-11-07 +30
ltr1058-merged-labels          ltr1058   mergedlabel 2021 948.26    2023-09-18 +30
ltr1058-letter-number          ltr1058   stacked     2022 3670.55   2024-05-13 +30   v2
ltr1058-no-printed-date        ltr1058   inline      2021 1519.90   2023-03-06 +30   nodate
ltr1058-ocr                    ltr1058   stacked     2022 6005.07   2024-08-05 +30   o0:A_H,N_H I1:C_H
ltr1058-month-typo             ltr1058   inline      2020 4440.18   2022-12-05 +30   mtypo:N_H,R_B
ltr1058-hyph-quotes            ltr1058   merged      2022 782.63    2024-10-14 +30   hyph quotes
ltr1058-noise                  ltr1058   stacked     2021 2390.02   2023-01-23 +30   noise dS:A_H
cp2000-clean-stacked           cp2000    stacked     2022 4210.00   2024-05-01 +30
cp2000-inline                  cp2000    inline      2021 1380.55   2023-04-17 +30
cp2000-merged                  cp2000    merged      2022 715.20    2024-03-25 +30
cp2000-merged-labels           cp2000    mergedlabel 2023 2905.16   2025-02-10 +30
cp2000-split                   cp2000    split       2021 8854.02   2023-07-31 +30   p2
cp2000-body-first              cp2000    bodyfirst   2022 326.78    2024-06-17 +30
cp2000-ocr-code-2OOO           cp2000    stacked     2022 5012.40   2024-09-09 +30   o0:C_H,C_S
cp2000-ocr-amounts             cp2000    inline      2021 6250.80   2023-10-23 +30   o0:A_H B8:A_T
cp2000-respond-typo            cp2000    stacked     2022 1749.63   2024-01-22 +30   mtypo:R_H
cp2000-respond-broken          cp2000    stacked     2023 2288.19   2025-03-17 +30   lbreak hyph
cp2000-proposed-refund         cp2000    inline      2022 1130.00   2024-04-08 +30   v2
cp2000-refund-merged           cp2000    merged      2021 644.25    2023-05-22 +30   v2 quotes
cp2000-two-pages               cp2000    stacked     2022 3367.00   2024-07-29 +30   pages
cp2000-noise-dollar            cp2000    inline      2023 912.42    2025-04-14 +30   noise dS:A
cp2000-old-layout              cp2000old stacked     2020 2766.51   2022-06-13 +30
cp2000-old-layout-merged       cp2000old merged      2021 418.07    2023-02-27 +30   o0:A_H
cp2000-old-layout-typo         cp2000old inline      2019 5401.33   2021-09-20 +30   mtypo:R_H
cp3219a-clean-stacked          cp3219a   stacked     2021 5300.00   2024-06-10 +90
cp3219a-inline                 cp3219a   inline      2020 2180.46   2023-02-06 +90
cp3219a-merged                 cp3219a   merged      2022 9631.70   2025-01-13 +90
cp3219a-merged-labels          cp3219a   mergedlabel 2021 744.18    2023-10-02 +90
cp3219a-ocr-code               cp3219a   stacked     2022 3005.55   2024-11-12 +90   I1:C_H cpsp:C_S
cp3219a-date-broken            cp3219a   inline      2021 1418.29   2024-03-04 +90   brk:R_H hyph
cp3219a-month-typo             cp3219a   stacked     2020 6077.00   2022-08-22 +90   mtypo:R_H,N_H
cp3219a-split                  cp3219a   split       2022 2560.90   2024-09-30 +90   p2 lbreak
cp3219a-body-first             cp3219a   bodyfirst   2021 890.12    2023-12-11 +90   quotes noise
cp12-clean-stacked             cp12      stacked     2023 812.40    2024-04-02 -
cp12-inline                    cp12      inline      2022 1460.00   2023-06-19 -
cp12-merged                    cp12      merged      2021 233.75    2022-05-09 -
cp12-ocr-refund                cp12      stacked     2023 2004.18   2024-07-01 -     o0:A_H,A_T
cp12-split                     cp12      split       2022 95.30     2023-03-13 -     quotes
cp12-merged-labels             cp12      mergedlabel 2023 618.62    2024-05-20 -
cp13-clean-stacked             cp13      stacked     2022 1240.00   2023-04-24 -
cp13-inline                    cp13      inline      2023 388.15    2024-06-24 -
cp13-merged                    cp13      merged      2021 2650.00   2022-07-25 -     o0:N_H
cp13-merged-labels             cp13      mergedlabel 2022 77.10     2023-09-04 -     mtypo:N_S
cp49-clean-stacked             cp49      stacked     2023 250.00    2024-05-13 -
cp49-inline                    cp49      inline      2022 1118.40   2023-07-24 -
cp49-merged                    cp49      merged      2021 605.95    2022-06-06 -
cp49-ocr                       cp49      stacked     2023 3000.00   2024-08-19 -     o0:A_H,N_H l1:Y_H
cp49-split-quotes              cp49      split       2022 472.81    2023-04-03 -     quotes
cp49-merged-labels             cp49      mergedlabel 2023 1890.20   2024-09-30 -
cp59-clean-stacked             cp59      stacked     2017 -         2019-01-28 -
cp59-inline                    cp59      inline      2022 -         2024-02-12 -
cp59-merged                    cp59      merged      2021 -         2023-01-30 -
cp59-merged-labels             cp59      mergedlabel 2023 -         2025-03-10 -
cp59-ocr-period                cp59      stacked     2022 -         2024-04-29 -     o0:Y_H mtypo:N_H
cp59-split                     cp59      split       2020 -         2022-02-14 -     quotes
cp59-body-first                cp59      bodyfirst   2022 -         2024-06-10 -     noise
cp59-lbreak                    cp59      stacked     2021 -         2023-05-22 -     lbreak hyph
cp523-clean-stacked            cp523     stacked     2017 300.00    2019-01-30 -
cp523-inline                   cp523     inline      2022 425.00    2023-09-25 -
cp523-merged                   cp523     merged      2021 180.50    2022-11-14 -
cp523-merged-labels            cp523     mergedlabel 2023 612.00    2024-12-23 -
cp523-one-line-total           cp523     stacked     2022 275.00    2024-02-05 -     v2
cp523-ocr                      cp523     inline      2020 350.00    2022-04-11 -     o0:A_H S5:A_T
cp523-rn-hyph                  cp523     stacked     2023 1050.00   2024-07-08 -     rnm hyph
cp523-split                    cp523     split       2022 95.00     2023-06-26 -     p2 quotes
cp523-body-first               cp523     bodyfirst   2021 220.00    2023-03-13 -     v2 noise
cp161-clean-stacked            cp161     stacked     2017 97647.55  2018-01-08 +21
cp161-inline                   cp161     inline      2023 18406.12  2024-02-05 +21
cp161-merged                   cp161     merged      2022 5320.80   2023-03-13 +21
cp161-merged-labels            cp161     mergedlabel 2023 44210.09  2024-05-06 +21
cp161-paytbl                   cp161     stacked     2022 26788.40  2023-04-24 +21   paytbl
cp161-ocr                      cp161     inline      2023 9003.17   2024-10-21 +21   o0:A_H,N_H l1:C_S
cp161-month-typo               cp161     split       2021 7450.63   2022-02-07 +21   mtypo:Y_H,R_T p2
cp161-two-pages                cp161     stacked     2023 61500.00  2024-08-05 +21   pages paytbl quotes
cp161-stub-merged              cp161     bodyfirst   2022 3109.48   2023-11-06 +21   stubmerge
cp2501-clean-stacked           cp2501    stacked     2022 -         2024-03-18 +30
cp2501-inline                  cp2501    inline      2021 -         2023-02-27 +30
cp2501-merged                  cp2501    merged      2022 -         2024-08-26 +30
cp2501-no-date                 cp2501    stacked     2023 -         2025-02-24 +30   nodate
cp2501-ocr                     cp2501    mergedlabel 2021 -         2023-06-05 +30   o0:C_H,R_B
cp2501-hyph                    cp2501    split       2022 -         2024-10-28 +30   hyph lbreak
cp2501-month-typo              cp2501    inline      2023 -         2025-01-06 +30   mtypo:R_B quotes
cp75-clean-stacked             cp75      stacked     2016 3118.00   2019-01-28 -
cp75-inline                    cp75      inline      2022 4620.00   2024-02-19 -
cp75-merged                    cp75      merged      2023 2975.00   2025-03-03 -
cp75-body-first                cp75      bodyfirst   2021 6410.00   2023-03-27 -
cp75-ocr                       cp75      stacked     2022 1880.00   2024-05-06 -     o0:Y_H,N_H
cp75-merged-labels-typo        cp75      mergedlabel 2023 5240.00   2025-01-27 -     mtypo:N_H noise
cp75-split                     cp75      split       2020 3300.00   2022-04-04 -     quotes hyph
ltr5071c-clean                 ltr5071c  stacked     2023 2845.00   2024-03-04 -
ltr5071c-inline                ltr5071c  inline      2022 1190.00   2023-04-17 -
ltr5071c-merged                ltr5071c  merged      2023 3402.00   2024-05-28 -
ltr5071c-merged-labels         ltr5071c  mergedlabel 2021 760.00    2022-03-14 -
ltr5071c-date-alone            ltr5071c  stacked     2023 5120.00   2024-02-26 -     v2
ltr5071c-date-alone-inline     ltr5071c  inline      2022 980.00    2023-03-20 -     v2 quotes
ltr5071c-ocr                   ltr5071c  stacked     2023 2211.00   2024-04-08 -     o0:N_H,Y_H
ltr5071c-month-typo            ltr5071c  inline      2024 4005.00   2025-02-18 -     mtypo:N_H noise
ltr5071c-split                 ltr5071c  split       2022 1566.00   2023-05-15 -     hyph
# Harder: damage in every repeat, labels misread, right column first, stale dates.
cp14-merged-right              cp14      mergedright 2023 1502.40   2024-04-29 +21   p2
cp14-label-misread             cp14      stacked     2023 2216.35   2024-05-13 +21   lbldmg
cp14-label-misread-merged      cp14      merged      2022 870.15    2023-06-12 +21   lbldmg o0:A_H
cp14-short-month-once          cp14      stacked     2023 1118.80   2024-05-06 +21   mshort:N_H
cp14-short-month-stub          cp14      inline      2023 2602.11   2024-06-10 +21   mshort:R_T,R_S
cp14-short-month-all           cp14      stacked     2023 744.00    2024-07-01 +21   mshort:N,R p2
cp14-fused-dates               cp14      inline      2022 3306.90   2023-03-20 +21   fuse:N,R
cp14-dollar-space-groups       cp14      stacked     2023 12075.60  2024-10-21 +21   dsp:A_H gsp:A_H,A_T d0:A_S
cp14-everything-numeric        cp14      stacked     2022 1430.27   2023-08-07 +21   num:N short:R
cp14-stale-contact-stub        cp14      inline      2023 688.18    2024-07-22 +21   pages oldstub
cp501-merged-right             cp501     mergedright 2022 3820.44   2023-08-28 +21
cp501-earlier-merged-labels    cp501     mergedlabel 2023 1177.10   2024-08-26 +21   earlier
cp501-short-month              cp501     stacked     2023 905.25    2024-06-10 +21   mshort:R_T
cp503-label-misread            cp503     inline      2022 4470.19   2023-05-08 +21   lbldmg p2
cp504-merged-right             cp504     mergedright 2022 2389.61   2023-04-03 -     earlier
cp504-dollar-S-everywhere      cp504     stacked     2023 5514.05   2024-03-25 -     dS:A S5:Y_H l1:N_H
cp504b-merged-right            cp504b    mergedright 2023 15800.25  2024-09-09 -
cp90-stale-contact-stub        cp90      stacked     -    3101.77   2023-10-09 +30   pages oldstub
cp90-label-misread             cp90      merged      -    1960.34   2024-04-15 +30   lbldmg
cp161-stale-contact-stub       cp161     stacked     2023 22480.16  2024-01-22 +21   pages oldstub
cp161-sept-abbrev              cp161     inline      2023 8402.55   2024-09-03 +21   sept:R abbr:N_H
cp71c-code-7IC-once            cp71c     stacked     2019 3131.31   2024-01-29 +21   I1:C_H
cp71c-code-7IC-everywhere      cp71c     inline      2020 2020.20   2025-01-27 +21   I1:C p2
lt11-merged-right              lt11      mergedright 2022 6611.42   2024-05-20 +30
lt11-code-II-everywhere        lt11      stacked     2023 1725.00   2025-03-10 +30   I1:C p2 lbldmg
ltr5071c-code-damaged          ltr5071c  stacked     2023 3350.00   2024-06-03 -     v2 o0:C_S
ltr1058-merged-right           ltr1058   mergedright 2022 2480.90   2024-03-04 +30
cp2000-merged-right            cp2000    mergedright 2022 1588.36   2024-08-12 +30
cp2000-label-misread           cp2000    stacked     2023 3071.40   2025-05-12 +30   lbldmg p2
cp3219a-merged-right           cp3219a   mergedright 2022 4750.18   2024-12-09 +90
cp22a-merged-right             cp22a     mergedright 2023 212.30    2024-09-16 +21   quotes
cp12-merged-right              cp12      mergedright 2023 1377.45   2024-03-18 -
cp59-merged-right              cp59      mergedright 2022 -         2024-03-04 -
cp523-merged-right             cp523     mergedright 2022 350.00    2023-12-04 -
ROWS

mv "$tmp/cases" "$out"
echo "make-stress.sh: $(grep -c '^=== case ' "$out") cases in $out" >&2
