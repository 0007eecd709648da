
use builtin;
use str;

set edit:completion:arg-completer[ncp-usage] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ncp-usage'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ncp-usage'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the account in a new ledger (or load the demo account with --demo)'
            cand account 'Show or change the account, billing email and payment method'
            cand accounts 'The NCP accounts this ledger holds: list them, add, rename or remove one'
            cand import 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies'
            cand export 'Export a month''s fee lines to .xlsx or .csv'
            cand history 'Service usage history of a month, by service and region'
            cand usage 'Service usage history of a month, by service and region'
            cand status 'Service usage status: contracts held per service and region now'
            cand pay 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit'
            cand notifications 'The email and SMS outbox: bills issued, outstanding amounts, notices'
            cand promotions 'Promotions and credits: what they give, what is left, when credits run out'
            cand trend 'Usage and billing over the last months, with a chart and a month-end projection'
            cand confirmation 'Issue the printable usage confirmation of a month (HTML or PDF)'
            cand receipt 'Cash receipts (individuals) and tax invoices (businesses)'
            cand calendar 'The holiday calendar that business days skip'
            cand sync 'Pull bills and amounts from NCP''s Billing API (keys from the environment or ~/.ncloud/configure)'
            cand check 'Verify the ledger''s integrity and invariants (exit 0 when clean, 4 with findings)'
            cand completions 'Print shell completions'
            cand manpage 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;init'= {
            cand --name 'The account''s short name in the ledger (letters, digits, ''-'', ''_'')'
            cand --member-type 'Individual or business member'
            cand --first-name 'First name: at least 2 letters (required unless --demo)'
            cand --last-name 'Last name: at least 1 letter (required unless --demo)'
            cand --email 'Login email; bills go here until `account billing-email` changes it (required unless --demo)'
            cand --phone 'Mobile number for SMS notices (bills, outstanding amounts)'
            cand --company 'Company name (business members), shown on usage confirmations'
            cand --business-no 'Business registration number (business members), NNN-NN-NNNNN'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --expatriate 'An expatriate (international resident) member: pays by credit card only'
            cand --demo 'Load the demo account (a business with 10 services in KR, SGN and JPN, 2023-06 to 2024-06) into the --db ledger instead, to keep and change'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the member, billing email, payment method and the history of changes'
            cand set 'Change the member''s details'
            cand billing-email 'Change the email bills are sent to'
            cand payment-method 'Register the payment method (replaces the current one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;account;show'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;set'= {
            cand --first-name 'First name: at least 2 letters'
            cand --last-name 'Last name: at least 1 letter'
            cand --email 'Login email'
            cand --member-type 'Individual or business member'
            cand --expatriate 'Expatriate (international resident) member: true or false (yes/no also work)'
            cand --phone 'Mobile number for SMS notices'
            cand --company 'Company name (business members), shown on usage confirmations'
            cand --business-no 'Business registration number (business members), NNN-NN-NNNNN'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;billing-email'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;payment-method'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand card 'A credit card: automatic payment between the 10th and the 14th'
            cand transfer 'An account transfer (business members): automatic payment'
            cand deposit 'Direct deposit to the fee deposit account (business members with an automatic method)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;account;payment-method;card'= {
            cand --brand 'Card brand, e.g. VISA [required]'
            cand --last4 'The card''s last four digits [required]'
            cand --expiry 'The last month the card is valid, YYYY-MM [required]'
            cand --limit 'The card''s monthly limit in won, for the local payment gateway'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;payment-method;transfer'= {
            cand --bank 'Bank name [required]'
            cand --last4 'The account''s last four digits [required]'
            cand --balance 'The account balance in won, for the local payment gateway'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;payment-method;deposit'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;account;payment-method;help'= {
            cand card 'A credit card: automatic payment between the 10th and the 14th'
            cand transfer 'An account transfer (business members): automatic payment'
            cand deposit 'Direct deposit to the fee deposit account (business members with an automatic method)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;account;payment-method;help;card'= {
        }
        &'ncp-usage;account;payment-method;help;transfer'= {
        }
        &'ncp-usage;account;payment-method;help;deposit'= {
        }
        &'ncp-usage;account;payment-method;help;help'= {
        }
        &'ncp-usage;account;help'= {
            cand show 'Show the member, billing email, payment method and the history of changes'
            cand set 'Change the member''s details'
            cand billing-email 'Change the email bills are sent to'
            cand payment-method 'Register the payment method (replaces the current one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;account;help;show'= {
        }
        &'ncp-usage;account;help;set'= {
        }
        &'ncp-usage;account;help;billing-email'= {
        }
        &'ncp-usage;account;help;payment-method'= {
            cand card 'A credit card: automatic payment between the 10th and the 14th'
            cand transfer 'An account transfer (business members): automatic payment'
            cand deposit 'Direct deposit to the fee deposit account (business members with an automatic method)'
        }
        &'ncp-usage;account;help;payment-method;card'= {
        }
        &'ncp-usage;account;help;payment-method;transfer'= {
        }
        &'ncp-usage;account;help;payment-method;deposit'= {
        }
        &'ncp-usage;account;help;help'= {
        }
        &'ncp-usage;accounts'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --all-accounts 'With the list: add a total per currency (what the accounts used this month and what they owe)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an account, with its member when its details are given (as `init` takes them)'
            cand rename 'Rename an account'
            cand remove 'Remove an account; one holding bills or payments only with --force, after a prompt'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;accounts;add'= {
            cand --member-no 'Its NCP member number (NCP''s bodies of that member land in it)'
            cand --member-type 'Individual or business member'
            cand --first-name 'First name: at least 2 letters (required unless --demo)'
            cand --last-name 'Last name: at least 1 letter (required unless --demo)'
            cand --email 'Login email; bills go here until `account billing-email` changes it (required unless --demo)'
            cand --phone 'Mobile number for SMS notices (bills, outstanding amounts)'
            cand --company 'Company name (business members), shown on usage confirmations'
            cand --business-no 'Business registration number (business members), NNN-NN-NNNNN'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --expatriate 'An expatriate (international resident) member: pays by credit card only'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;accounts;rename'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;accounts;remove'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --force 'Remove it even though it holds bills or payments (they are deleted with it)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;accounts;help'= {
            cand add 'Add an account, with its member when its details are given (as `init` takes them)'
            cand rename 'Rename an account'
            cand remove 'Remove an account; one holding bills or payments only with --force, after a prompt'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;accounts;help;add'= {
        }
        &'ncp-usage;accounts;help;rename'= {
        }
        &'ncp-usage;accounts;help;remove'= {
        }
        &'ncp-usage;accounts;help;help'= {
        }
        &'ncp-usage;import'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --no-create 'ncp: refuse bodies of an NCP member no account holds, instead of making its account'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;export'= {
            cand --month 'The usage month, YYYY-MM [required]'
            cand -o 'The file to write: .xlsx or .csv (created with mode 0600) [required]'
            cand --output 'The file to write: .xlsx or .csv (created with mode 0600) [required]'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;history'= {
            cand --month 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]'
            cand --region 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --detail 'List the fee lines behind each service'
            cand --daily 'List NCP''s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily'
            cand --all-accounts 'Every account of the ledger: one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;usage'= {
            cand --month 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]'
            cand --region 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --detail 'List the fee lines behind each service'
            cand --daily 'List NCP''s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily'
            cand --all-accounts 'Every account of the ledger: one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;status'= {
            cand --month 'The month, YYYY-MM: the contracts held during it (NCP''s contract summary of it when imported) [default: the month of --as-of, counting the contracts held that day]'
            cand --region 'Limit the rows to one region (KR, SGN, JPN…)'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --all-accounts 'Every account of the ledger: one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;pay'= {
            cand --deposit 'Record a direct deposit of this many won (more than 0) to the fee deposit account'
            cand --month 'With --instant: pay only this month''s bill (repeat for several)'
            cand --method 'With --instant: card or real-time account transfer [default: the registered kind]'
            cand --reference 'With --deposit: the bank''s reference; recording the same reference again is a replay'
            cand --idempotency-key 'A key that makes a retried command charge once: the same key and arguments return the first payment, other arguments are refused'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --instant 'Pay now: the previous month''s bill in advance, or outstanding amounts (14:00 on the 3rd to 22:00 on the last day, except the 10th–14th)'
            cand --auto 'Run the automatic payments due by now (what cron runs daily)'
            cand --all-accounts 'Every account of the ledger, read only (never pays): one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;notifications'= {
            cand --month 'Only those about this bill month'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;promotions'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --all-accounts 'Every account of the ledger: one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;trend'= {
            cand --months 'How many months (1–120)'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --all-accounts 'Every account of the ledger: one block per account, then a total per currency'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;confirmation'= {
            cand --month 'The usage month, YYYY-MM (a month that has ended) [required]'
            cand -o 'The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium) [required]'
            cand --output 'The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium) [required]'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;receipt'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand apply 'Apply for automatic issuance of cash receipts (individual members)'
            cand cancel 'Stop automatic issuance of cash receipts from now on'
            cand list 'List cash receipts and tax invoices with the dates they can be checked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;receipt;apply'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --agree-nts 'Agree to provide the transaction information to the National Tax Service for the income tax deduction (otherwise you are asked on a terminal)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;receipt;cancel'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;receipt;list'= {
            cand --month 'Only this month (the payment''s month for cash receipts, the usage month for tax invoices)'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;receipt;help'= {
            cand apply 'Apply for automatic issuance of cash receipts (individual members)'
            cand cancel 'Stop automatic issuance of cash receipts from now on'
            cand list 'List cash receipts and tax invoices with the dates they can be checked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;receipt;help;apply'= {
        }
        &'ncp-usage;receipt;help;cancel'= {
        }
        &'ncp-usage;receipt;help;list'= {
        }
        &'ncp-usage;receipt;help;help'= {
        }
        &'ncp-usage;calendar'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a holiday (or rename the one on that day)'
            cand list 'List the holidays'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;calendar;add'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;calendar;list'= {
            cand --year 'Only this year'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;calendar;help'= {
            cand add 'Add a holiday (or rename the one on that day)'
            cand list 'List the holidays'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;calendar;help;add'= {
        }
        &'ncp-usage;calendar;help;list'= {
        }
        &'ncp-usage;calendar;help;help'= {
        }
        &'ncp-usage;sync'= {
            cand --from 'First month, YYYY-MM [required]'
            cand --to 'Last month, YYYY-MM [required]'
            cand --api 'Which Billing API: v1 (`/billing/v1/cost/…`, page numbers) or v2 (`/billing/v2/…`, cursor pages; a sub account needs v2''s own policy actions)'
            cand --endpoint 'The Billing API base URL [default: https://billingapi.apigw.ntruss.com/billing/v1, or …/billing/v2 with --api v2]'
            cand --members 'Pull these NCP members'' data in the one run, each member''s into its account (an Organization master''s or partner representative''s key): v1 memberNoList.N, v2 targetMemberNo'
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --organization 'Pull every member account of the key''s Organization (its master''s key), each into its account: v1 isOrganization, v2 scope=ORGANIZATION'
            cand --partner 'Pull every customer of the key''s partner (its representative''s key), each into its account: v1 isPartner (v2 has none)'
            cand --no-create 'With --members, --organization or --partner: refuse a member no account holds, instead of making its account'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;check'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;completions'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;manpage'= {
            cand --db 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]'
            cand --as-of 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]'
            cand --account 'The account to work for, by name or NCP member number [default: the only one]'
            cand --format 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)'
            cand --demo 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)'
            cand --json 'Print one JSON document (same as --format json); errors too, on stderr'
            cand -y 'Answer yes to confirmation prompts (for scripts)'
            cand --yes 'Answer yes to confirmation prompts (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ncp-usage;help'= {
            cand init 'Create the account in a new ledger (or load the demo account with --demo)'
            cand account 'Show or change the account, billing email and payment method'
            cand accounts 'The NCP accounts this ledger holds: list them, add, rename or remove one'
            cand import 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies'
            cand export 'Export a month''s fee lines to .xlsx or .csv'
            cand history 'Service usage history of a month, by service and region'
            cand status 'Service usage status: contracts held per service and region now'
            cand pay 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit'
            cand notifications 'The email and SMS outbox: bills issued, outstanding amounts, notices'
            cand promotions 'Promotions and credits: what they give, what is left, when credits run out'
            cand trend 'Usage and billing over the last months, with a chart and a month-end projection'
            cand confirmation 'Issue the printable usage confirmation of a month (HTML or PDF)'
            cand receipt 'Cash receipts (individuals) and tax invoices (businesses)'
            cand calendar 'The holiday calendar that business days skip'
            cand sync 'Pull bills and amounts from NCP''s Billing API (keys from the environment or ~/.ncloud/configure)'
            cand check 'Verify the ledger''s integrity and invariants (exit 0 when clean, 4 with findings)'
            cand completions 'Print shell completions'
            cand manpage 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncp-usage;help;init'= {
        }
        &'ncp-usage;help;account'= {
            cand show 'Show the member, billing email, payment method and the history of changes'
            cand set 'Change the member''s details'
            cand billing-email 'Change the email bills are sent to'
            cand payment-method 'Register the payment method (replaces the current one)'
        }
        &'ncp-usage;help;account;show'= {
        }
        &'ncp-usage;help;account;set'= {
        }
        &'ncp-usage;help;account;billing-email'= {
        }
        &'ncp-usage;help;account;payment-method'= {
            cand card 'A credit card: automatic payment between the 10th and the 14th'
            cand transfer 'An account transfer (business members): automatic payment'
            cand deposit 'Direct deposit to the fee deposit account (business members with an automatic method)'
        }
        &'ncp-usage;help;account;payment-method;card'= {
        }
        &'ncp-usage;help;account;payment-method;transfer'= {
        }
        &'ncp-usage;help;account;payment-method;deposit'= {
        }
        &'ncp-usage;help;accounts'= {
            cand add 'Add an account, with its member when its details are given (as `init` takes them)'
            cand rename 'Rename an account'
            cand remove 'Remove an account; one holding bills or payments only with --force, after a prompt'
        }
        &'ncp-usage;help;accounts;add'= {
        }
        &'ncp-usage;help;accounts;rename'= {
        }
        &'ncp-usage;help;accounts;remove'= {
        }
        &'ncp-usage;help;import'= {
        }
        &'ncp-usage;help;export'= {
        }
        &'ncp-usage;help;history'= {
        }
        &'ncp-usage;help;status'= {
        }
        &'ncp-usage;help;pay'= {
        }
        &'ncp-usage;help;notifications'= {
        }
        &'ncp-usage;help;promotions'= {
        }
        &'ncp-usage;help;trend'= {
        }
        &'ncp-usage;help;confirmation'= {
        }
        &'ncp-usage;help;receipt'= {
            cand apply 'Apply for automatic issuance of cash receipts (individual members)'
            cand cancel 'Stop automatic issuance of cash receipts from now on'
            cand list 'List cash receipts and tax invoices with the dates they can be checked'
        }
        &'ncp-usage;help;receipt;apply'= {
        }
        &'ncp-usage;help;receipt;cancel'= {
        }
        &'ncp-usage;help;receipt;list'= {
        }
        &'ncp-usage;help;calendar'= {
            cand add 'Add a holiday (or rename the one on that day)'
            cand list 'List the holidays'
        }
        &'ncp-usage;help;calendar;add'= {
        }
        &'ncp-usage;help;calendar;list'= {
        }
        &'ncp-usage;help;sync'= {
        }
        &'ncp-usage;help;check'= {
        }
        &'ncp-usage;help;completions'= {
        }
        &'ncp-usage;help;manpage'= {
        }
        &'ncp-usage;help;help'= {
        }
    ]
    $completions[$command]
}
