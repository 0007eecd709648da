
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ncp-usage' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ncp-usage'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ncp-usage' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the account in a new ledger (or load the demo account with --demo)')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Show or change the account, billing email and payment method')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'The NCP accounts this ledger holds: list them, add, rename or remove one')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a month''s fee lines to .xlsx or .csv')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Service usage history of a month, by service and region')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Service usage history of a month, by service and region')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Service usage status: contracts held per service and region now')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'The email and SMS outbox: bills issued, outstanding amounts, notices')
            [CompletionResult]::new('promotions', 'promotions', [CompletionResultType]::ParameterValue, 'Promotions and credits: what they give, what is left, when credits run out')
            [CompletionResult]::new('trend', 'trend', [CompletionResultType]::ParameterValue, 'Usage and billing over the last months, with a chart and a month-end projection')
            [CompletionResult]::new('confirmation', 'confirmation', [CompletionResultType]::ParameterValue, 'Issue the printable usage confirmation of a month (HTML or PDF)')
            [CompletionResult]::new('receipt', 'receipt', [CompletionResultType]::ParameterValue, 'Cash receipts (individuals) and tax invoices (businesses)')
            [CompletionResult]::new('calendar', 'calendar', [CompletionResultType]::ParameterValue, 'The holiday calendar that business days skip')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Pull bills and amounts from NCP''s Billing API (keys from the environment or ~/.ncloud/configure)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify the ledger''s integrity and invariants (exit 0 when clean, 4 with findings)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The account''s short name in the ledger (letters, digits, ''-'', ''_'')')
            [CompletionResult]::new('--member-type', '--member-type', [CompletionResultType]::ParameterName, 'Individual or business member')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'First name: at least 2 letters (required unless --demo)')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Last name: at least 1 letter (required unless --demo)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Login email; bills go here until `account billing-email` changes it (required unless --demo)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Mobile number for SMS notices (bills, outstanding amounts)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company name (business members), shown on usage confirmations')
            [CompletionResult]::new('--business-no', '--business-no', [CompletionResultType]::ParameterName, 'Business registration number (business members), NNN-NN-NNNNN')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--expatriate', '--expatriate', [CompletionResultType]::ParameterName, 'An expatriate (international resident) member: pays by credit card only')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Load the demo account (a business with 10 services in KR, SGN and JPN, 2023-06 to 2024-06) into the --db ledger instead, to keep and change')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the member, billing email, payment method and the history of changes')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the member''s details')
            [CompletionResult]::new('billing-email', 'billing-email', [CompletionResultType]::ParameterValue, 'Change the email bills are sent to')
            [CompletionResult]::new('payment-method', 'payment-method', [CompletionResultType]::ParameterValue, 'Register the payment method (replaces the current one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;account;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;set' {
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'First name: at least 2 letters')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Last name: at least 1 letter')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Login email')
            [CompletionResult]::new('--member-type', '--member-type', [CompletionResultType]::ParameterName, 'Individual or business member')
            [CompletionResult]::new('--expatriate', '--expatriate', [CompletionResultType]::ParameterName, 'Expatriate (international resident) member: true or false (yes/no also work)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Mobile number for SMS notices')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company name (business members), shown on usage confirmations')
            [CompletionResult]::new('--business-no', '--business-no', [CompletionResultType]::ParameterName, 'Business registration number (business members), NNN-NN-NNNNN')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;billing-email' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;payment-method' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'A credit card: automatic payment between the 10th and the 14th')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'An account transfer (business members): automatic payment')
            [CompletionResult]::new('deposit', 'deposit', [CompletionResultType]::ParameterValue, 'Direct deposit to the fee deposit account (business members with an automatic method)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;account;payment-method;card' {
            [CompletionResult]::new('--brand', '--brand', [CompletionResultType]::ParameterName, 'Card brand, e.g. VISA [required]')
            [CompletionResult]::new('--last4', '--last4', [CompletionResultType]::ParameterName, 'The card''s last four digits [required]')
            [CompletionResult]::new('--expiry', '--expiry', [CompletionResultType]::ParameterName, 'The last month the card is valid, YYYY-MM [required]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'The card''s monthly limit in won, for the local payment gateway')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;payment-method;transfer' {
            [CompletionResult]::new('--bank', '--bank', [CompletionResultType]::ParameterName, 'Bank name [required]')
            [CompletionResult]::new('--last4', '--last4', [CompletionResultType]::ParameterName, 'The account''s last four digits [required]')
            [CompletionResult]::new('--balance', '--balance', [CompletionResultType]::ParameterName, 'The account balance in won, for the local payment gateway')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;payment-method;deposit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;account;payment-method;help' {
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'A credit card: automatic payment between the 10th and the 14th')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'An account transfer (business members): automatic payment')
            [CompletionResult]::new('deposit', 'deposit', [CompletionResultType]::ParameterValue, 'Direct deposit to the fee deposit account (business members with an automatic method)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;account;payment-method;help;card' {
            break
        }
        'ncp-usage;account;payment-method;help;transfer' {
            break
        }
        'ncp-usage;account;payment-method;help;deposit' {
            break
        }
        'ncp-usage;account;payment-method;help;help' {
            break
        }
        'ncp-usage;account;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the member, billing email, payment method and the history of changes')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the member''s details')
            [CompletionResult]::new('billing-email', 'billing-email', [CompletionResultType]::ParameterValue, 'Change the email bills are sent to')
            [CompletionResult]::new('payment-method', 'payment-method', [CompletionResultType]::ParameterValue, 'Register the payment method (replaces the current one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;account;help;show' {
            break
        }
        'ncp-usage;account;help;set' {
            break
        }
        'ncp-usage;account;help;billing-email' {
            break
        }
        'ncp-usage;account;help;payment-method' {
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'A credit card: automatic payment between the 10th and the 14th')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'An account transfer (business members): automatic payment')
            [CompletionResult]::new('deposit', 'deposit', [CompletionResultType]::ParameterValue, 'Direct deposit to the fee deposit account (business members with an automatic method)')
            break
        }
        'ncp-usage;account;help;payment-method;card' {
            break
        }
        'ncp-usage;account;help;payment-method;transfer' {
            break
        }
        'ncp-usage;account;help;payment-method;deposit' {
            break
        }
        'ncp-usage;account;help;help' {
            break
        }
        'ncp-usage;accounts' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'With the list: add a total per currency (what the accounts used this month and what they owe)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account, with its member when its details are given (as `init` takes them)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account; one holding bills or payments only with --force, after a prompt')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;accounts;add' {
            [CompletionResult]::new('--member-no', '--member-no', [CompletionResultType]::ParameterName, 'Its NCP member number (NCP''s bodies of that member land in it)')
            [CompletionResult]::new('--member-type', '--member-type', [CompletionResultType]::ParameterName, 'Individual or business member')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'First name: at least 2 letters (required unless --demo)')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Last name: at least 1 letter (required unless --demo)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Login email; bills go here until `account billing-email` changes it (required unless --demo)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Mobile number for SMS notices (bills, outstanding amounts)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company name (business members), shown on usage confirmations')
            [CompletionResult]::new('--business-no', '--business-no', [CompletionResultType]::ParameterName, 'Business registration number (business members), NNN-NN-NNNNN')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--expatriate', '--expatriate', [CompletionResultType]::ParameterName, 'An expatriate (international resident) member: pays by credit card only')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;accounts;rename' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;accounts;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove it even though it holds bills or payments (they are deleted with it)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;accounts;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account, with its member when its details are given (as `init` takes them)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account; one holding bills or payments only with --force, after a prompt')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;accounts;help;add' {
            break
        }
        'ncp-usage;accounts;help;rename' {
            break
        }
        'ncp-usage;accounts;help;remove' {
            break
        }
        'ncp-usage;accounts;help;help' {
            break
        }
        'ncp-usage;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--no-create', '--no-create', [CompletionResultType]::ParameterName, 'ncp: refuse bodies of an NCP member no account holds, instead of making its account')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;export' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The usage month, YYYY-MM [required]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The file to write: .xlsx or .csv (created with mode 0600) [required]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The file to write: .xlsx or .csv (created with mode 0600) [required]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;history' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'List the fee lines behind each service')
            [CompletionResult]::new('--daily', '--daily', [CompletionResultType]::ParameterName, 'List NCP''s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger: one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;usage' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The usage month, YYYY-MM [default: the month of --as-of, up to the day before]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Limit the rows to one region (KR, SGN, JPN…); totals stay over every region')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'List the fee lines behind each service')
            [CompletionResult]::new('--daily', '--daily', [CompletionResultType]::ParameterName, 'List NCP''s daily usage instead: one row per day, contract and metering type, as imported from getContractUsageListByDaily')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger: one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;status' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The month, YYYY-MM: the contracts held during it (NCP''s contract summary of it when imported) [default: the month of --as-of, counting the contracts held that day]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Limit the rows to one region (KR, SGN, JPN…)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger: one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;pay' {
            [CompletionResult]::new('--deposit', '--deposit', [CompletionResultType]::ParameterName, 'Record a direct deposit of this many won (more than 0) to the fee deposit account')
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'With --instant: pay only this month''s bill (repeat for several)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'With --instant: card or real-time account transfer [default: the registered kind]')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'With --deposit: the bank''s reference; recording the same reference again is a replay')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'A key that makes a retried command charge once: the same key and arguments return the first payment, other arguments are refused')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--instant', '--instant', [CompletionResultType]::ParameterName, 'Pay now: the previous month''s bill in advance, or outstanding amounts (14:00 on the 3rd to 22:00 on the last day, except the 10th–14th)')
            [CompletionResult]::new('--auto', '--auto', [CompletionResultType]::ParameterName, 'Run the automatic payments due by now (what cron runs daily)')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger, read only (never pays): one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;notifications' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'Only those about this bill month')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;promotions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger: one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;trend' {
            [CompletionResult]::new('--months', '--months', [CompletionResultType]::ParameterName, 'How many months (1–120)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--all-accounts', '--all-accounts', [CompletionResultType]::ParameterName, 'Every account of the ledger: one block per account, then a total per currency')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;confirmation' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The usage month, YYYY-MM (a month that has ended) [required]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium) [required]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium) [required]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;receipt' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply for automatic issuance of cash receipts (individual members)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop automatic issuance of cash receipts from now on')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cash receipts and tax invoices with the dates they can be checked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;receipt;apply' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--agree-nts', '--agree-nts', [CompletionResultType]::ParameterName, 'Agree to provide the transaction information to the National Tax Service for the income tax deduction (otherwise you are asked on a terminal)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;receipt;cancel' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;receipt;list' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'Only this month (the payment''s month for cash receipts, the usage month for tax invoices)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;receipt;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply for automatic issuance of cash receipts (individual members)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop automatic issuance of cash receipts from now on')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cash receipts and tax invoices with the dates they can be checked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;receipt;help;apply' {
            break
        }
        'ncp-usage;receipt;help;cancel' {
            break
        }
        'ncp-usage;receipt;help;list' {
            break
        }
        'ncp-usage;receipt;help;help' {
            break
        }
        'ncp-usage;calendar' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a holiday (or rename the one on that day)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the holidays')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;calendar;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;calendar;list' {
            [CompletionResult]::new('--year', '--year', [CompletionResultType]::ParameterName, 'Only this year')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;calendar;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a holiday (or rename the one on that day)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the holidays')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;calendar;help;add' {
            break
        }
        'ncp-usage;calendar;help;list' {
            break
        }
        'ncp-usage;calendar;help;help' {
            break
        }
        'ncp-usage;sync' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First month, YYYY-MM [required]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last month, YYYY-MM [required]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which Billing API: v1 (`/billing/v1/cost/…`, page numbers) or v2 (`/billing/v2/…`, cursor pages; a sub account needs v2''s own policy actions)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'The Billing API base URL [default: https://billingapi.apigw.ntruss.com/billing/v1, or …/billing/v2 with --api v2]')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Pull these NCP members'' data in the one run, each member''s into its account (an Organization master''s or partner representative''s key): v1 memberNoList.N, v2 targetMemberNo')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--organization', '--organization', [CompletionResultType]::ParameterName, 'Pull every member account of the key''s Organization (its master''s key), each into its account: v1 isOrganization, v2 scope=ORGANIZATION')
            [CompletionResult]::new('--partner', '--partner', [CompletionResultType]::ParameterName, 'Pull every customer of the key''s partner (its representative''s key), each into its account: v1 isPartner (v2 has none)')
            [CompletionResult]::new('--no-create', '--no-create', [CompletionResultType]::ParameterName, 'With --members, --organization or --partner: refuse a member no account holds, instead of making its account')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;manpage' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger file [default: ncp-usage/ledger.db in the user''s data folder]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 [default: the system clock]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account to work for, by name or NCP member number [default: the only one]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (not every command has every form; csv is for tables of rows, focus for `export`''s FOCUS 1.2 file)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (same as --format json); errors too, on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmation prompts (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ncp-usage;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the account in a new ledger (or load the demo account with --demo)')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Show or change the account, billing email and payment method')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'The NCP accounts this ledger holds: list them, add, rename or remove one')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a month''s fee lines to .xlsx or .csv')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Service usage history of a month, by service and region')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Service usage status: contracts held per service and region now')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'The email and SMS outbox: bills issued, outstanding amounts, notices')
            [CompletionResult]::new('promotions', 'promotions', [CompletionResultType]::ParameterValue, 'Promotions and credits: what they give, what is left, when credits run out')
            [CompletionResult]::new('trend', 'trend', [CompletionResultType]::ParameterValue, 'Usage and billing over the last months, with a chart and a month-end projection')
            [CompletionResult]::new('confirmation', 'confirmation', [CompletionResultType]::ParameterValue, 'Issue the printable usage confirmation of a month (HTML or PDF)')
            [CompletionResult]::new('receipt', 'receipt', [CompletionResultType]::ParameterValue, 'Cash receipts (individuals) and tax invoices (businesses)')
            [CompletionResult]::new('calendar', 'calendar', [CompletionResultType]::ParameterValue, 'The holiday calendar that business days skip')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Pull bills and amounts from NCP''s Billing API (keys from the environment or ~/.ncloud/configure)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify the ledger''s integrity and invariants (exit 0 when clean, 4 with findings)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncp-usage;help;init' {
            break
        }
        'ncp-usage;help;account' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the member, billing email, payment method and the history of changes')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the member''s details')
            [CompletionResult]::new('billing-email', 'billing-email', [CompletionResultType]::ParameterValue, 'Change the email bills are sent to')
            [CompletionResult]::new('payment-method', 'payment-method', [CompletionResultType]::ParameterValue, 'Register the payment method (replaces the current one)')
            break
        }
        'ncp-usage;help;account;show' {
            break
        }
        'ncp-usage;help;account;set' {
            break
        }
        'ncp-usage;help;account;billing-email' {
            break
        }
        'ncp-usage;help;account;payment-method' {
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'A credit card: automatic payment between the 10th and the 14th')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'An account transfer (business members): automatic payment')
            [CompletionResult]::new('deposit', 'deposit', [CompletionResultType]::ParameterValue, 'Direct deposit to the fee deposit account (business members with an automatic method)')
            break
        }
        'ncp-usage;help;account;payment-method;card' {
            break
        }
        'ncp-usage;help;account;payment-method;transfer' {
            break
        }
        'ncp-usage;help;account;payment-method;deposit' {
            break
        }
        'ncp-usage;help;accounts' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account, with its member when its details are given (as `init` takes them)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account; one holding bills or payments only with --force, after a prompt')
            break
        }
        'ncp-usage;help;accounts;add' {
            break
        }
        'ncp-usage;help;accounts;rename' {
            break
        }
        'ncp-usage;help;accounts;remove' {
            break
        }
        'ncp-usage;help;import' {
            break
        }
        'ncp-usage;help;export' {
            break
        }
        'ncp-usage;help;history' {
            break
        }
        'ncp-usage;help;status' {
            break
        }
        'ncp-usage;help;pay' {
            break
        }
        'ncp-usage;help;notifications' {
            break
        }
        'ncp-usage;help;promotions' {
            break
        }
        'ncp-usage;help;trend' {
            break
        }
        'ncp-usage;help;confirmation' {
            break
        }
        'ncp-usage;help;receipt' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply for automatic issuance of cash receipts (individual members)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop automatic issuance of cash receipts from now on')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List cash receipts and tax invoices with the dates they can be checked')
            break
        }
        'ncp-usage;help;receipt;apply' {
            break
        }
        'ncp-usage;help;receipt;cancel' {
            break
        }
        'ncp-usage;help;receipt;list' {
            break
        }
        'ncp-usage;help;calendar' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a holiday (or rename the one on that day)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the holidays')
            break
        }
        'ncp-usage;help;calendar;add' {
            break
        }
        'ncp-usage;help;calendar;list' {
            break
        }
        'ncp-usage;help;sync' {
            break
        }
        'ncp-usage;help;check' {
            break
        }
        'ncp-usage;help;completions' {
            break
        }
        'ncp-usage;help;manpage' {
            break
        }
        'ncp-usage;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
