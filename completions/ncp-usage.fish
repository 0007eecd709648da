# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ncp_usage_global_optspecs
    string join \n db= as-of= account= json format= y/yes demo h/help V/version
end

function __fish_ncp_usage_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ncp_usage_global_optspecs) -- $cmd 2>/dev/null
    # an option waiting for its value (`--format <TAB>`): parse the words before it
    or argparse -s (__fish_ncp_usage_global_optspecs) -- $cmd[1..-2] 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ncp_usage_using_subcommand
    set -l cmd (__fish_ncp_usage_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "init" -d 'Create the account in a new ledger (or load the demo account with --demo)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "account" -d 'Show or change the account, billing email and payment method'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "accounts" -d 'The NCP accounts this ledger holds: list them, add, rename or remove one'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "import" -d 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "export" -d 'Export a month\'s fee lines to .xlsx or .csv'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "history" -d 'Service usage history of a month, by service and region'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "usage" -d 'Service usage history of a month, by service and region'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "status" -d 'Service usage status: contracts held per service and region now'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "pay" -d 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "notifications" -d 'The email and SMS outbox: bills issued, outstanding amounts, notices'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "promotions" -d 'Promotions and credits: what they give, what is left, when credits run out'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "trend" -d 'Usage and billing over the last months, with a chart and a month-end projection'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "confirmation" -d 'Issue the printable usage confirmation of a month (HTML or PDF)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "receipt" -d 'Cash receipts (individuals) and tax invoices (businesses)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "calendar" -d 'The holiday calendar that business days skip'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "sync" -d 'Pull bills and amounts from NCP\'s Billing API (keys from the environment or ~/.ncloud/configure)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "check" -d 'Verify the ledger\'s integrity and invariants (exit 0 when clean, 4 with findings)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "manpage" -d 'Print the man page (roff)'
complete -c ncp-usage -n "__fish_ncp_usage_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l name -d 'The account\'s short name in the ledger (letters, digits, \'-\', \'_\')' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l member-type -d 'Individual or business member' -r -f -a "individual\t'A private person'
business\t'A company: tax invoices, account transfer and direct deposit'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l first-name -d 'First name: at least 2 letters (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l last-name -d 'Last name: at least 1 letter (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l email -d 'Login email; bills go here until `account billing-email` changes it (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l phone -d 'Mobile number for SMS notices (bills, outstanding amounts)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l company -d 'Company name (business members), shown on usage confirmations' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l business-no -d 'Business registration number (business members), NNN-NN-NNNNN' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l expatriate -d 'An expatriate (international resident) member: pays by credit card only'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l demo -d 'Load the demo account (a business with 10 services in KR, SGN and JPN, 2023-06 to 2024-06) into the --db ledger instead, to keep and change'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand init" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -f -a "show" -d 'Show the member, billing email, payment method and the history of changes'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -f -a "set" -d 'Change the member\'s details'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -f -a "billing-email" -d 'Change the email bills are sent to'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -f -a "payment-method" -d 'Register the payment method (replaces the current one)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and not __fish_seen_subcommand_from show set billing-email payment-method help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l first-name -d 'First name: at least 2 letters' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l last-name -d 'Last name: at least 1 letter' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l email -d 'Login email' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l member-type -d 'Individual or business member' -r -f -a "individual\t'A private person'
business\t'A company: tax invoices, account transfer and direct deposit'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l expatriate -d 'Expatriate (international resident) member: true or false (yes/no also work)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l phone -d 'Mobile number for SMS notices' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l company -d 'Company name (business members), shown on usage confirmations' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l business-no -d 'Business registration number (business members), NNN-NN-NNNNN' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from billing-email" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -f -a "card" -d 'A credit card: automatic payment between the 10th and the 14th'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -f -a "transfer" -d 'An account transfer (business members): automatic payment'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -f -a "deposit" -d 'Direct deposit to the fee deposit account (business members with an automatic method)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from payment-method" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the member, billing email, payment method and the history of changes'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change the member\'s details'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "billing-email" -d 'Change the email bills are sent to'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "payment-method" -d 'Register the payment method (replaces the current one)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l all-accounts -d 'With the list: add a total per currency (what the accounts used this month and what they owe)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -f -a "add" -d 'Add an account, with its member when its details are given (as `init` takes them)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -f -a "rename" -d 'Rename an account'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -f -a "remove" -d 'Remove an account; one holding bills or payments only with --force, after a prompt'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and not __fish_seen_subcommand_from add rename remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l member-no -d 'Its NCP member number (NCP\'s bodies of that member land in it)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l member-type -d 'Individual or business member' -r -f -a "individual\t'A private person'
business\t'A company: tax invoices, account transfer and direct deposit'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l first-name -d 'First name: at least 2 letters (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l last-name -d 'Last name: at least 1 letter (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l email -d 'Login email; bills go here until `account billing-email` changes it (required unless --demo)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l phone -d 'Mobile number for SMS notices (bills, outstanding amounts)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l company -d 'Company name (business members), shown on usage confirmations' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l business-no -d 'Business registration number (business members), NNN-NN-NNNNN' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l expatriate -d 'An expatriate (international resident) member: pays by credit card only'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l force -d 'Remove it even though it holds bills or payments (they are deleted with it)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an account, with its member when its details are given (as `init` takes them)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an account'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an account; one holding bills or payments only with --force, after a prompt'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l no-create -d 'ncp: refuse bodies of an NCP member no account holds, instead of making its account'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l month -d 'The usage month, YYYY-MM [required]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -s o -l output -d 'The file to write: .xlsx or .csv (created with mode 0600) [required]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand export" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l month -d 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l region -d 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l detail -d 'List the fee lines behind each service'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l daily -d 'List NCP\'s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l all-accounts -d 'Every account of the ledger: one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand history" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l month -d 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l region -d 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l detail -d 'List the fee lines behind each service'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l daily -d 'List NCP\'s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l all-accounts -d 'Every account of the ledger: one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand usage" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l month -d 'The month, YYYY-MM: the contracts held during it (NCP\'s contract summary of it when imported) [default: the month of --as-of, counting the contracts held that day]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l region -d 'Limit the rows to one region (KR, SGN, JPN…)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l all-accounts -d 'Every account of the ledger: one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand status" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l deposit -d 'Record a direct deposit of this many won (more than 0) to the fee deposit account' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l month -d 'With --instant: pay only this month\'s bill (repeat for several)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l method -d 'With --instant: card or real-time account transfer [default: the registered kind]' -r -f -a "card\t'Credit or debit card'
transfer\t'Real-time account transfer'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l reference -d 'With --deposit: the bank\'s reference; recording the same reference again is a replay' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l idempotency-key -d 'A key that makes a retried command charge once: the same key and arguments return the first payment, other arguments are refused' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l instant -d 'Pay now: the previous month\'s bill in advance, or outstanding amounts (14:00 on the 3rd to 22:00 on the last day, except the 10th–14th)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l auto -d 'Run the automatic payments due by now (what cron runs daily)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l all-accounts -d 'Every account of the ledger, read only (never pays): one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand pay" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l month -d 'Only those about this bill month' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand notifications" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l all-accounts -d 'Every account of the ledger: one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand promotions" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l months -d 'How many months (1–120)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l all-accounts -d 'Every account of the ledger: one block per account, then a total per currency'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand trend" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l month -d 'The usage month, YYYY-MM (a month that has ended) [required]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -s o -l output -d 'The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium) [required]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand confirmation" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -f -a "apply" -d 'Apply for automatic issuance of cash receipts (individual members)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -f -a "cancel" -d 'Stop automatic issuance of cash receipts from now on'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -f -a "list" -d 'List cash receipts and tax invoices with the dates they can be checked'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and not __fish_seen_subcommand_from apply cancel list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l agree-nts -d 'Agree to provide the transaction information to the National Tax Service for the income tax deduction (otherwise you are asked on a terminal)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l month -d 'Only this month (the payment\'s month for cash receipts, the usage month for tax invoices)' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Apply for automatic issuance of cash receipts (individual members)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Stop automatic issuance of cash receipts from now on'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from help" -f -a "list" -d 'List cash receipts and tax invoices with the dates they can be checked'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand receipt; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -f -a "add" -d 'Add a holiday (or rename the one on that day)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -f -a "list" -d 'List the holidays'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and not __fish_seen_subcommand_from add list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l year -d 'Only this year' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a holiday (or rename the one on that day)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the holidays'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand calendar; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l from -d 'First month, YYYY-MM [required]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l to -d 'Last month, YYYY-MM [required]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l api -d 'Which Billing API: v1 (`/billing/v1/cost/…`, page numbers) or v2 (`/billing/v2/…`, cursor pages; a sub account needs v2\'s own policy actions)' -r -f -a "v1\t'Billing API v1'
v2\t'Billing API v2'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l endpoint -d 'The Billing API base URL [default: https://billingapi.apigw.ntruss.com/billing/v1, or …/billing/v2 with --api v2]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l members -d 'Pull these NCP members\' data in the one run, each member\'s into its account (an Organization master\'s or partner representative\'s key): v1 memberNoList.N, v2 targetMemberNo' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l organization -d 'Pull every member account of the key\'s Organization (its master\'s key), each into its account: v1 isOrganization, v2 scope=ORGANIZATION'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l partner -d 'Pull every customer of the key\'s partner (its representative\'s key), each into its account: v1 isPartner (v2 has none)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l no-create -d 'With --members, --organization or --partner: refuse a member no account holds, instead of making its account'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand sync" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand check" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l db -d 'The ledger file [default: ncp-usage/ledger.db in the user\'s data folder]' -r -F
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l as-of -d 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l account -d 'The account to work for, by name or NCP member number [default: the only one]' -r
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l format -d 'Output format (not every command has every form; csv is for tables of rows, focus for `export`\'s FOCUS 1.2 file)' -r -f -a "table\t'Tables for people'
json\t'One JSON document'
csv\t'CSV rows with a header, where the output has rows'
focus\t'`export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md)'"
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l demo -d 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -l json -d 'Print one JSON document (same as --format json); errors too, on stderr'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -s y -l yes -d 'Answer yes to confirmation prompts (for scripts)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand manpage" -s V -l version -d 'Print version'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "init" -d 'Create the account in a new ledger (or load the demo account with --demo)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "account" -d 'Show or change the account, billing email and payment method'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "accounts" -d 'The NCP accounts this ledger holds: list them, add, rename or remove one'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "import" -d 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "export" -d 'Export a month\'s fee lines to .xlsx or .csv'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "history" -d 'Service usage history of a month, by service and region'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "status" -d 'Service usage status: contracts held per service and region now'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "pay" -d 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "notifications" -d 'The email and SMS outbox: bills issued, outstanding amounts, notices'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "promotions" -d 'Promotions and credits: what they give, what is left, when credits run out'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "trend" -d 'Usage and billing over the last months, with a chart and a month-end projection'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "confirmation" -d 'Issue the printable usage confirmation of a month (HTML or PDF)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "receipt" -d 'Cash receipts (individuals) and tax invoices (businesses)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "calendar" -d 'The holiday calendar that business days skip'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "sync" -d 'Pull bills and amounts from NCP\'s Billing API (keys from the environment or ~/.ncloud/configure)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "check" -d 'Verify the ledger\'s integrity and invariants (exit 0 when clean, 4 with findings)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "completions" -d 'Print shell completions'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "manpage" -d 'Print the man page (roff)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and not __fish_seen_subcommand_from init account accounts import export history status pay notifications promotions trend confirmation receipt calendar sync check completions manpage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "show" -d 'Show the member, billing email, payment method and the history of changes'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "set" -d 'Change the member\'s details'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "billing-email" -d 'Change the email bills are sent to'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "payment-method" -d 'Register the payment method (replaces the current one)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "add" -d 'Add an account, with its member when its details are given (as `init` takes them)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "rename" -d 'Rename an account'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "remove" -d 'Remove an account; one holding bills or payments only with --force, after a prompt'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from receipt" -f -a "apply" -d 'Apply for automatic issuance of cash receipts (individual members)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from receipt" -f -a "cancel" -d 'Stop automatic issuance of cash receipts from now on'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from receipt" -f -a "list" -d 'List cash receipts and tax invoices with the dates they can be checked'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from calendar" -f -a "add" -d 'Add a holiday (or rename the one on that day)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand help; and __fish_seen_subcommand_from calendar" -f -a "list" -d 'List the holidays'

# Values of positional arguments (added by ncp-usage)
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'contracts' -d '`contract_no,service,region,plan,price,unit,start_date,end_date`'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'usage' -d '`contract_no,date,quantity`'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'fees' -d '`month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount`'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'promotions' -d '`name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to`'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'holidays' -d '`date,name`'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand import; and not __fish_seen_subcommand_from contracts usage fees promotions holidays ncp" -f -a 'ncp' -d 'JSON bodies of NCP\'s Billing API (getDemandCostList, getProductDemandCostList, getContractDemandCostList, getContractSummaryList, getContractUsageListByDaily; v2 demand-costs, billing-item-group-costs, billing-item-costs, cost-relation-codes)'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a 'bash'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a 'elvish'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a 'fish'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a 'powershell'
complete -c ncp-usage -n "__fish_ncp_usage_using_subcommand completions; and not __fish_seen_subcommand_from bash elvish fish powershell zsh" -f -a 'zsh'
