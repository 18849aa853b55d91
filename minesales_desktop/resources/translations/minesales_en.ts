<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionItemDialog</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>New action item</source>
        <translation>New action item</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Accept or decline.</source>
        <translation>Accept or decline.</translation>
    </message>
    <message>
        <source>Answer suggestion</source>
        <translation>Answer suggestion</translation>
    </message>
    <message>
        <source>Answer to the author</source>
        <translation>Answer to the author</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>What will be done, or why not</source>
        <translation>What will be done, or why not</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>Something went wrong; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>AppraisalDialog</name>
    <message>
        <source> (frozen)</source>
        <translation> (frozen)</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Appraisee: %1 · Employee no.: %2 · Team: %3 · Period: %4</source>
        <translation>Appraisee: %1 · Employee no.: %2 · Team: %3 · Period: %4</translation>
    </message>
    <message>
        <source>Appraiser: %1 · Status: %2%3 · Total: %4 · Grade: %5</source>
        <translation>Appraiser: %1 · Status: %2%3 · Total: %4 · Grade: %5</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>Confirm and freeze</source>
        <translation>Confirm and freeze</translation>
    </message>
    <message>
        <source>Confirm this appraisal? Its figures, scores and grade are then frozen and can no longer be changed.</source>
        <translation>Confirm this appraisal? Its figures, scores and grade are then frozen and can no longer be changed.</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>Finish review</source>
        <translation>Finish review</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>Improvement plan</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Manager comments</source>
        <translation>Manager comments</translation>
    </message>
    <message>
        <source>Manager score</source>
        <translation>Manager score</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Return to rep</source>
        <translation>Return to rep</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>Self score</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>Submit to manager</source>
        <translation>Submit to manager</translation>
    </message>
    <message>
        <source>System score</source>
        <translation>System score</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve contract</source>
        <translation>Approve contract</translation>
    </message>
    <message>
        <source>Credit check (%1)</source>
        <translation>Credit check (%1)</translation>
    </message>
    <message>
        <source>Credit check: %1 Approving needs an override reason.</source>
        <translation>Credit check: %1 Approving needs an override reason.</translation>
    </message>
    <message>
        <source>Credit check: the customer has no credit profile. Approving needs an override reason.</source>
        <translation>Credit check: the customer has no credit profile. Approving needs an override reason.</translation>
    </message>
    <message>
        <source>Exposure %1 against a credit limit of %2</source>
        <translation>Exposure %1 against a credit limit of %2</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Open receivables %1 + open contracts %2 + this contract %3</source>
        <translation>Open receivables %1 + open contracts %2 + this contract %3</translation>
    </message>
    <message>
        <source>Over the limit by %1 %2: approving needs an override reason.</source>
        <translation>Over the limit by %1 %2: approving needs an override reason.</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <source>Required: say why the credit check is overridden.</source>
        <translation>Required: say why the credit check is overridden.</translation>
    </message>
    <message>
        <source>Why approve although the credit check fails</source>
        <translation>Why approve although the credit check fails</translation>
    </message>
    <message>
        <source>Within the limit.</source>
        <translation>Within the limit.</translation>
    </message>
</context>
<context>
    <name>AssayModel</name>
    <message>
        <source>Analyte</source>
        <extracomment>the template a new quote of a product category starts from</extracomment>
        <translation>Analyte</translation>
    </message>
    <message>
        <source>Assay %1: &apos;%2&apos; is not a number</source>
        <translation>Assay %1: &apos;%2&apos; is not a number</translation>
    </message>
    <message>
        <source>Assay row %1: which analyte?</source>
        <translation>Assay row %1: which analyte?</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign ticket</source>
        <translation>Assign ticket</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reassign ticket</source>
        <translation>Reassign ticket</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the rows marked in red.</source>
        <translation>Nothing was saved: correct the rows marked in red.</translation>
    </message>
    <message>
        <source>Record attendance</source>
        <translation>Record attendance</translation>
    </message>
    <message>
        <source>Tick who attended. Leave the hours blank to credit the whole training (at most %1 h); exam scores are 0–100.</source>
        <translation>Tick who attended. Leave the hours blank to credit the whole training (at most %1 h); exam scores are 0–100.</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>Exam score</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record this.</source>
        <translation>Only the organiser, a manager or the attendee can record this.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>changed — not saved yet</source>
        <translation>changed — not saved yet</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>At least {n} characters.</source>
        <translation>At least {n} characters.</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>No such user.</translation>
    </message>
    <message>
        <source>Only an administrator can set another user&apos;s password.</source>
        <translation>Only an administrator can set another user&apos;s password.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
</context>
<context>
    <name>BatchRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Preparing…</translation>
    </message>
</context>
<context>
    <name>BatchSheetsDialog</name>
    <message>
        <source>%1 is a file; choose a folder for one PDF per person.</source>
        <translation>%1 is a file; choose a folder for one PDF per person.</translation>
    </message>
    <message>
        <source>Batch appraisal sheets</source>
        <translation>Batch appraisal sheets</translation>
    </message>
    <message>
        <source>Choose a folder for the PDFs.</source>
        <translation>Choose a folder for the PDFs.</translation>
    </message>
    <message>
        <source>Everyone I may see (%1 people)</source>
        <translation>Everyone I may see (%1 people)</translation>
    </message>
    <message>
        <source>Folder for the appraisal sheets</source>
        <translation>Folder for the appraisal sheets</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>One PDF per person, in a folder</source>
        <translation>One PDF per person, in a folder</translation>
    </message>
    <message>
        <source>One combined PDF</source>
        <translation>One combined PDF</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Save the appraisal sheets as</source>
        <translation>Save the appraisal sheets as</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Sheets of</source>
        <translation>Sheets of</translation>
    </message>
    <message>
        <source>Whole team: %1</source>
        <translation>Whole team: %1</translation>
    </message>
</context>
<context>
    <name>BoardColumnWidget</name>
    <message>
        <source>+ %1 more — show in list</source>
        <translation>+ %1 more — show in list</translation>
    </message>
    <message>
        <source>Estimated value %1
Weighted by probability %2</source>
        <translation>Estimated value %1
Weighted by probability %2</translation>
    </message>
    <message>
        <source>Value %1</source>
        <translation>Value %1</translation>
    </message>
    <message>
        <source>Weighted %1</source>
        <translation>Weighted %1</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message numerus="yes">
        <source>%n d</source>
        <comment>days in stage</comment>
        <extracomment>a quiet colour per stage for the column&apos;s top edge; won green, lost grey</extracomment>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>(no product)</source>
        <translation>(no product)</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>A price stays on its day: delete it and enter the other day&apos;s price.</source>
        <translation>A price stays on its day: delete it and enter the other day&apos;s price.</translation>
    </message>
    <message>
        <source>Line {n}</source>
        <translation>Line {n}</translation>
    </message>
    <message>
        <source>Mark it inactive instead.</source>
        <translation>Mark it inactive instead.</translation>
    </message>
    <message>
        <source>No such price index: {code}</source>
        <translation>No such price index: {code}</translation>
    </message>
    <message>
        <source>The file contains no quotes.</source>
        <translation>The file contains no quotes.</translation>
    </message>
    <message>
        <source>The maximum is below the minimum.</source>
        <translation>The maximum is below the minimum.</translation>
    </message>
    <message>
        <source>The reject limit must be at or above the maximum ({value}).</source>
        <translation>The reject limit must be at or above the maximum ({value}).</translation>
    </message>
    <message>
        <source>The reject limit must be at or below the minimum ({value}).</source>
        <translation>The reject limit must be at or below the minimum ({value}).</translation>
    </message>
    <message>
        <source>The typical value is above the maximum.</source>
        <translation>The typical value is above the maximum.</translation>
    </message>
    <message>
        <source>The typical value is below the minimum.</source>
        <translation>The typical value is below the minimum.</translation>
    </message>
    <message>
        <source>The upper reject limit must be above the lower one.</source>
        <translation>The upper reject limit must be above the lower one.</translation>
    </message>
    <message>
        <source>This index already has a price on {date}.</source>
        <translation>This index already has a price on {date}.</translation>
    </message>
    <message>
        <source>This product already has a specification for {analyte}.</source>
        <translation>This product already has a specification for {analyte}.</translation>
    </message>
    <message>
        <source>expected two fields, date and price; found {n}</source>
        <translation>expected two fields, date and price; found {n}</translation>
    </message>
    <message>
        <source>the date {text!r} is not YYYY-MM-DD</source>
        <translation>the date {text!r} is not YYYY-MM-DD</translation>
    </message>
    <message>
        <source>the price has more than 4 decimal places</source>
        <translation>the price has more than 4 decimal places</translation>
    </message>
    <message>
        <source>the price must be greater than zero</source>
        <translation>the price must be greater than zero</translation>
    </message>
    <message>
        <source>the price {text!r} is not a number</source>
        <translation>the price {text!r} is not a number</translation>
    </message>
    <message>
        <source>{date} already appears on line {n}</source>
        <translation>{date} already appears on line {n}</translation>
    </message>
    <message>
        <source>{n} contract(s) sell this product.</source>
        <translation>{n} contract(s) sell this product.</translation>
    </message>
    <message>
        <source>{n} opportunity(ies) are for this product.</source>
        <translation>{n} opportunity(ies) are for this product.</translation>
    </message>
    <message>
        <source>{n} product(s) are priced against this index.</source>
        <translation>{n} product(s) are priced against this index.</translation>
    </message>
    <message>
        <source>{n} quote(s) price this product.</source>
        <translation>{n} quote(s) price this product.</translation>
    </message>
    <message>
        <source>… and {n} more bad line(s).</source>
        <translation>… and {n} more bad line(s).</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Completion (% of target)</source>
        <translation>Completion (% of target)</translation>
    </message>
    <message>
        <source>No KPIs are defined.</source>
        <translation>No KPIs are defined.</translation>
    </message>
    <message>
        <source>Nobody in the team yet.</source>
        <translation>Nobody in the team yet.</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>Total score</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete contract</source>
        <translation>Complete contract</translation>
    </message>
    <message>
        <source>Only needed when less than the minimum was shipped</source>
        <translation>Only needed when less than the minimum was shipped</translation>
    </message>
    <message>
        <source>Reason to close short</source>
        <translation>Reason to close short</translation>
    </message>
</context>
<context>
    <name>ConflictInboxDialog</name>
    <message>
        <source>%1
You deleted this record (%2), but %3 changed it while you were apart (%4), so the server kept it, with their change.
Delete anyway: it is deleted here and for everyone at the next sync. Keep the record: it stays as it is now.</source>
        <translation>%1
You deleted this record (%2), but %3 changed it while you were apart (%4), so the server kept it, with their change.
Delete anyway: it is deleted here and for everyone at the next sync. Keep the record: it stays as it is now.</translation>
    </message>
    <message>
        <source>%1 — %2
Mine: %3
Theirs (%4, %5): %6
The server kept theirs. Keep mine puts yours back (it is sent at the next sync).</source>
        <translation>%1 — %2
Mine: %3
Theirs (%4, %5): %6
The server kept theirs. Keep mine puts yours back (it is sent at the next sync).</translation>
    </message>
    <message>
        <source>%1 — %2
This change by %4 (%5) could not be applied here: it clashes with data on this computer (%3), most often a change of yours not yet sent. Once the server has decided about yours, the next sync asks it for this record once more; if it clashes again, it stays here for you to check.
Theirs: %6</source>
        <translation>%1 — %2
This change by %4 (%5) could not be applied here: it clashes with data on this computer (%3), most often a change of yours not yet sent. Once the server has decided about yours, the next sync asks it for this record once more; if it clashes again, it stays here for you to check.
Theirs: %6</translation>
    </message>
    <message>
        <source>%1 — %2
You made it as %3; %4 made that version first (%5), so the server numbered yours %6. Tell the customer if they have the old number.</source>
        <translation>%1 — %2
You made it as %3; %4 made that version first (%5), so the server numbered yours %6. Tell the customer if they have the old number.</translation>
    </message>
    <message>
        <source>%1 — %2
Your lot was numbered %3; %4 drew a lot with that number first (%5), so the server numbered yours %6. Correct any shipping papers that carry the old number.</source>
        <translation>%1 — %2
Your lot was numbered %3; %4 drew a lot with that number first (%5), so the server numbered yours %6. Correct any shipping papers that carry the old number.</translation>
    </message>
    <message>
        <source>&amp;Delete anyway</source>
        <translation>&amp;Delete anyway</translation>
    </message>
    <message>
        <source>&amp;Keep the record</source>
        <translation>&amp;Keep the record</translation>
    </message>
    <message>
        <source>&amp;Noted</source>
        <translation>&amp;Noted</translation>
    </message>
    <message>
        <source>A quote number or lot number entry is a notice: while apart, you and someone else made a quote version, or drew a lot, under the same number, and the server moved yours on to the next one. Nothing to choose: read it and close it with Noted.</source>
        <translation>A quote number or lot number entry is a notice: while apart, you and someone else made a quote version, or drew a lot, under the same number, and the server moved yours on to the next one. Nothing to choose: read it and close it with Noted.</translation>
    </message>
    <message>
        <source>Conflict inbox</source>
        <translation>Conflict inbox</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Keep &amp;mine</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Keep &amp;theirs</translation>
    </message>
    <message>
        <source>No conflicts to review.</source>
        <translation>No conflicts to review.</translation>
    </message>
    <message>
        <source>While you were apart, you and someone else changed the same records. Each entry says what the server kept; choose what stays (your choice is sent at the next sync).</source>
        <translation>While you were apart, you and someone else changed the same records. Each entry says what the server kept; choose what stays (your choice is sent at the next sync).</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>(whole record)</source>
        <translation>(whole record)</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>Changed, so kept</source>
        <translation>Changed, so kept</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>My change</source>
        <translation>My change</translation>
    </message>
    <message>
        <source>Not applied here: %1</source>
        <translation>Not applied here: %1</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Server&apos;s</source>
        <translation>Server&apos;s</translation>
    </message>
    <message>
        <source>Their change</source>
        <translation>Their change</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Yours</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Decision role</source>
        <translation>Decision role</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Edit contact — {name}</source>
        <translation>Edit contact — {name}</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>New contact — {name}</source>
        <translation>New contact — {name}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>Primary contact</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>e.g. 0472-2181234</source>
        <translation>e.g. 0472-2181234</translation>
    </message>
    <message>
        <source>e.g. 13904721234</source>
        <translation>e.g. 13904721234</translation>
    </message>
</context>
<context>
    <name>ContractDetail</name>
    <message>
        <source>%1 % payable</source>
        <translation>%1 % payable</translation>
    </message>
    <message>
        <source>%1 per %2 %3 %4</source>
        <translation>%1 per %2 %3 %4</translation>
    </message>
    <message>
        <source>%1 per %2 from %3 to %4</source>
        <translation>%1 per %2 from %3 to %4</translation>
    </message>
    <message>
        <source>%1 per 1 % %2 from %3</source>
        <translation>%1 per 1 % %2 from %3</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>Base price</translation>
    </message>
    <message>
        <source>Calorific-value pro-rata</source>
        <translation>Calorific-value pro-rata</translation>
    </message>
    <message>
        <source>Fixed price</source>
        <translation>Fixed price</translation>
    </message>
    <message>
        <source>Grade pro-rata</source>
        <translation>Grade pro-rata</translation>
    </message>
    <message>
        <source>Index ± differential</source>
        <translation>Index ± differential</translation>
    </message>
    <message>
        <source>Metal price × coefficient (计价系数)</source>
        <translation>Metal price × coefficient (计价系数)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Moisture</source>
        <translation>Moisture</translation>
    </message>
    <message>
        <source>Payable metal less TC/RC</source>
        <translation>Payable metal less TC/RC</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>Penalties</translation>
    </message>
    <message>
        <source>Provisional invoice</source>
        <translation>Provisional invoice</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>Treatment charge</source>
        <translation>Treatment charge</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>Value in use</source>
        <translation>Value in use</translation>
    </message>
    <message>
        <source>above</source>
        <translation>above</translation>
    </message>
    <message>
        <source>average of month M+%1</source>
        <translation>average of month M+%1</translation>
    </message>
    <message>
        <source>average of the %1 days before B/L</source>
        <translation>average of the %1 days before B/L</translation>
    </message>
    <message>
        <source>average of the B/L month (M)</source>
        <translation>average of the B/L month (M)</translation>
    </message>
    <message>
        <source>average of the last %1 quotes before B/L</source>
        <translation>average of the last %1 quotes before B/L</translation>
    </message>
    <message>
        <source>base %1</source>
        <translation>base %1</translation>
    </message>
    <message>
        <source>below</source>
        <translation>below</translation>
    </message>
    <message>
        <source>coefficient by grade (%1 bands)</source>
        <translation>coefficient by grade (%1 bands)</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>cumulative</translation>
    </message>
    <message>
        <source>either side of</source>
        <translation>either side of</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>excluded</translation>
    </message>
    <message>
        <source>included</source>
        <translation>included</translation>
    </message>
    <message>
        <source>min. deduction %1</source>
        <translation>min. deduction %1</translation>
    </message>
    <message>
        <source>only the worst penalty applies</source>
        <translation>only the worst penalty applies</translation>
    </message>
    <message>
        <source>quote of the B/L date</source>
        <extracomment>Background and text colour of each status badge: grey drafts, amber review, blue approved and signed, green running and done, red terminated.</extracomment>
        <translation>quote of the B/L date</translation>
    </message>
    <message>
        <source>reject above %1</source>
        <translation>reject above %1</translation>
    </message>
    <message>
        <source>reject below %1</source>
        <translation>reject below %1</translation>
    </message>
    <message>
        <source>settlement tonnes adjusted to %1 % moisture</source>
        <translation>settlement tonnes adjusted to %1 % moisture</translation>
    </message>
    <message>
        <source>whole difference</source>
        <translation>whole difference</translation>
    </message>
    <message>
        <source>with escalator</source>
        <translation>with escalator</translation>
    </message>
</context>
<context>
    <name>ContractDetailPanel</name>
    <message>
        <source>%1 %2: %3 wmt, H₂O %4 %, %5 dmt</source>
        <translation>%1 %2: %3 wmt, H₂O %4 %, %5 dmt</translation>
    </message>
    <message>
        <source>%1 · provisional %2 % · %3 credit days</source>
        <translation>%1 · provisional %2 % · %3 credit days</translation>
    </message>
    <message>
        <source>(on account)</source>
        <translation>(on account)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>Approved by %1 on %2</source>
        <translation>Approved by %1 on %2</translation>
    </message>
    <message>
        <source>Assays</source>
        <translation>Assays</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>B/L date</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Contract value</source>
        <translation>Contract value</translation>
    </message>
    <message>
        <source>Contracted</source>
        <translation>Contracted</translation>
    </message>
    <message>
        <source>Credit override: %1</source>
        <translation>Credit override: %1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Dry (dmt)</source>
        <translation>Dry (dmt)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>FX %1</source>
        <translation>FX %1</translation>
    </message>
    <message>
        <source>H₂O %</source>
        <translation>H₂O %</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>Invoice no.</translation>
    </message>
    <message>
        <source>Invoiced %1 · paid %2 · open %3 %4</source>
        <translation>Invoiced %1 · paid %2 · open %3 %4</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Invoices &amp;&amp; payments</source>
        <translation>Invoices &amp;&amp; payments</translation>
    </message>
    <message>
        <source>Issued %1, due %2 · net %3 + VAT %4 = %5 · paid %6</source>
        <translation>Issued %1, due %2 · net %3 + VAT %4 = %5 · paid %6</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Minimum %1, maximum %2 with the tolerance</source>
        <translation>Minimum %1, maximum %2 with the tolerance</translation>
    </message>
    <message>
        <source>More was shipped than the quantity plus the tolerance allows. Lots drawn on two computers while apart are each checked on their own computer only: agree the excess with the customer, or amend the contract.</source>
        <translation>More was shipped than the quantity plus the tolerance allows. Lots drawn on two computers while apart are each checked on their own computer only: agree the excess with the customer, or amend the contract.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Over the maximum by %1 %2</source>
        <translation>Over the maximum by %1 %2</translation>
    </message>
    <message>
        <source>Overdue %1 %2 (oldest %3 days past due)</source>
        <translation>Overdue %1 %2 (oldest %3 days past due)</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Owner: %1</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>Payments (回款)</source>
        <translation>Payments (回款)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>Price terms</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Review steps (合同评审), every round</source>
        <translation>Review steps (合同评审), every round</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>Still drawable</source>
        <translation>Still drawable</translation>
    </message>
    <message>
        <source>Terminated: %1</source>
        <translation>Terminated: %1</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>The most that may still be shipped: up to the quantity plus the tolerance</source>
        <translation>The most that may still be shipped: up to the quantity plus the tolerance</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>VAT %1 % excluded</source>
        <translation>VAT %1 % excluded</translation>
    </message>
    <message>
        <source>VAT %1 % included</source>
        <translation>VAT %1 % included</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>Vessel / vehicle</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>You can view this contract but not change it.</source>
        <translation>You can view this contract but not change it.</translation>
    </message>
    <message>
        <source>no detailed terms recorded; the unit price applies</source>
        <translation>no detailed terms recorded; the unit price applies</translation>
    </message>
    <message>
        <source>signed %1</source>
        <translation>signed %1</translation>
    </message>
</context>
<context>
    <name>ContractDialogs</name>
    <message>
        <source>Remaining %1 %2 · may still draw %3 %2 (maximum %4 with ±%5 %, shipped %6)</source>
        <translation>Remaining %1 %2 · may still draw %3 %2 (maximum %4 with ±%5 %, shipped %6)</translation>
    </message>
</context>
<context>
    <name>ContractDraftDialog</name>
    <message>
        <source>Contract draft from quote %1</source>
        <translation>Contract draft from quote %1</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Leave empty to number it automatically</source>
        <translation>Leave empty to number it automatically</translation>
    </message>
    <message>
        <source>Make draft</source>
        <translation>Make draft</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>Provisional invoice %</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>ContractFormDialog</name>
    <message>
        <source>%1 found</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>%1 found; the first %2 are listed — type more to narrow</source>
        <translation>%1 found; the first %2 are listed — type more to narrow</translation>
    </message>
    <message>
        <source>(keep the current terms)</source>
        <translation>(keep the current terms)</translation>
    </message>
    <message>
        <source>(none: unit price)</source>
        <translation>(none: unit price)</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation>Credit days</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Edit draft contract %1</source>
        <translation>Edit draft contract %1</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>FX rate (CNY per unit)</source>
        <translation>FX rate (CNY per unit)</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>Incoterm</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone — then pick below</source>
        <translation>Name, pinyin initials, code, USCC or phone — then pick below</translation>
    </message>
    <message>
        <source>New contract</source>
        <translation>New contract</translation>
    </message>
    <message>
        <source>No customer matches</source>
        <translation>No customer matches</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Port / place</source>
        <translation>Port / place</translation>
    </message>
    <message>
        <source>Price includes VAT</source>
        <translation>Price includes VAT</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>Price terms</translation>
    </message>
    <message>
        <source>Pricing method</source>
        <translation>Pricing method</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>Provisional invoice %</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Tolerance option</source>
        <translation>Tolerance option</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>Tolerance ± %</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>empty: from the customer&apos;s credit profile</source>
        <translation>empty: from the customer&apos;s credit profile</translation>
    </message>
    <message>
        <source>empty: numbered automatically</source>
        <translation>empty: numbered automatically</translation>
    </message>
</context>
<context>
    <name>Contracts</name>
    <message>
        <source>A CNY contract has an exchange rate of 1 (CNY is the base).</source>
        <translation>A CNY contract has an exchange rate of 1 (CNY is the base).</translation>
    </message>
    <message>
        <source>A contract cannot be moved to another customer.</source>
        <translation>A contract cannot be moved to another customer.</translation>
    </message>
    <message>
        <source>A contract is reviewed by someone other than its owner.</source>
        <translation>A contract is reviewed by someone other than its owner.</translation>
    </message>
    <message>
        <source>A contract never moves backwards: it is {current} and cannot become {target}.</source>
        <translation>A contract never moves backwards: it is {current} and cannot become {target}.</translation>
    </message>
    <message>
        <source>A credit note is not paid.</source>
        <translation>A credit note is not paid.</translation>
    </message>
    <message>
        <source>A paid invoice cannot be cancelled; issue a credit note.</source>
        <translation>A paid invoice cannot be cancelled; issue a credit note.</translation>
    </message>
    <message>
        <source>A payment is not edited; delete it and enter it again.</source>
        <translation>A payment is not edited; delete it and enter it again.</translation>
    </message>
    <message>
        <source>A shipment cannot be moved to another contract.</source>
        <translation>A shipment cannot be moved to another contract.</translation>
    </message>
    <message>
        <source>An analyte is named in 1 to 16 characters.</source>
        <translation>An analyte is named in 1 to 16 characters.</translation>
    </message>
    <message>
        <source>An assay needs at least one result.</source>
        <translation>An assay needs at least one result.</translation>
    </message>
    <message>
        <source>An invoice is never deleted; cancel it instead.</source>
        <translation>An invoice is never deleted; cancel it instead.</translation>
    </message>
    <message>
        <source>An issued invoice is not edited; cancel it and issue a new one.</source>
        <translation>An issued invoice is not edited; cancel it and issue a new one.</translation>
    </message>
    <message>
        <source>Cannot approve yet. Missing the review of:</source>
        <translation>Cannot approve yet. Missing the review of:</translation>
    </message>
    <message>
        <source>Cannot cancel the invoice yet. Missing:</source>
        <translation>Cannot cancel the invoice yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot check the credit limit. Missing:</source>
        <translation>Cannot check the credit limit. Missing:</translation>
    </message>
    <message>
        <source>Cannot complete the contract yet. Missing:</source>
        <translation>Cannot complete the contract yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot reject the contract yet. Missing:</source>
        <translation>Cannot reject the contract yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot submit the contract for review yet. Missing:</source>
        <translation>Cannot submit the contract for review yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot terminate the contract yet. Missing:</source>
        <translation>Cannot terminate the contract yet. Missing:</translation>
    </message>
    <message>
        <source>Choose approve or reject.</source>
        <translation>Choose approve or reject.</translation>
    </message>
    <message>
        <source>Closed short by {short} {unit}: {reason}</source>
        <translation>Closed short by {short} {unit}: {reason}</translation>
    </message>
    <message>
        <source>Exceeds the contract balance: at most {drawable} {unit} may still be drawn (maximum {maximum} with the tolerance, already shipped {shipped}).</source>
        <translation>Exceeds the contract balance: at most {drawable} {unit} may still be drawn (maximum {maximum} with the tolerance, already shipped {shipped}).</translation>
    </message>
    <message>
        <source>First shipment: lot {lot}</source>
        <translation>First shipment: lot {lot}</translation>
    </message>
    <message>
        <source>Give the net amount, or the quantity and the unit price.</source>
        <translation>Give the net amount, or the quantity and the unit price.</translation>
    </message>
    <message>
        <source>Invoices are issued only against a signed contract; this one is {status}.</source>
        <translation>Invoices are issued only against a signed contract; this one is {status}.</translation>
    </message>
    <message>
        <source>More than the invoice&apos;s open amount of {open} {currency}; record the rest as a payment on account (without an invoice).</source>
        <translation>More than the invoice&apos;s open amount of {open} {currency}; record the rest as a payment on account (without an invoice).</translation>
    </message>
    <message>
        <source>Only a draft contract is deleted; this one is {status}: terminate it.</source>
        <translation>Only a draft contract is deleted; this one is {status}: terminate it.</translation>
    </message>
    <message>
        <source>Only a sales manager can approve a contract.</source>
        <translation>Only a sales manager can approve a contract.</translation>
    </message>
    <message>
        <source>Only a sales manager can terminate an approved or signed contract.</source>
        <translation>Only a sales manager can terminate an approved or signed contract.</translation>
    </message>
    <message>
        <source>Only a sales manager decides the management review.</source>
        <translation>Only a sales manager decides the management review.</translation>
    </message>
    <message>
        <source>Override reason: {reason}</source>
        <translation>Override reason: {reason}</translation>
    </message>
    <message>
        <source>Rejected by {department}: {comment}</source>
        <translation>Rejected by {department}: {comment}</translation>
    </message>
    <message>
        <source>Shipments are drawn only against a signed or executing contract; this one is {status}.</source>
        <translation>Shipments are drawn only against a signed or executing contract; this one is {status}.</translation>
    </message>
    <message>
        <source>The contract is already {status}.</source>
        <translation>The contract is already {status}.</translation>
    </message>
    <message>
        <source>The contract is {current}; it cannot become {target} yet. Missing:</source>
        <translation>The contract is {current}; it cannot become {target} yet. Missing:</translation>
    </message>
    <message>
        <source>The contract is {status}, not in review.</source>
        <translation>The contract is {status}, not in review.</translation>
    </message>
    <message>
        <source>The contract is {status}, which is final; nothing more changes.</source>
        <translation>The contract is {status}, which is final; nothing more changes.</translation>
    </message>
    <message>
        <source>The contract is {status}: its terms can no longer be changed. Only a draft is edited; a rejected review returns it to draft.</source>
        <translation>The contract is {status}: its terms can no longer be changed. Only a draft is edited; a rejected review returns it to draft.</translation>
    </message>
    <message>
        <source>The contract period has already ended.</source>
        <translation>The contract period has already ended.</translation>
    </message>
    <message>
        <source>The customer has no credit profile.</source>
        <translation>The customer has no credit profile.</translation>
    </message>
    <message>
        <source>The exposure {exposure} {currency} (open receivables {ar}, open contracts {open}, this contract {this}) exceeds the credit limit {limit} {currency} by {shortfall} {currency}.</source>
        <translation>The exposure {exposure} {currency} (open receivables {ar}, open contracts {open}, this contract {this}) exceeds the credit limit {limit} {currency} by {shortfall} {currency}.</translation>
    </message>
    <message>
        <source>The invoice belongs to another contract.</source>
        <translation>The invoice belongs to another contract.</translation>
    </message>
    <message>
        <source>The invoice is already cancelled.</source>
        <translation>The invoice is already cancelled.</translation>
    </message>
    <message>
        <source>The invoice is cancelled.</source>
        <translation>The invoice is cancelled.</translation>
    </message>
    <message>
        <source>The lot does not belong to this contract.</source>
        <translation>The lot does not belong to this contract.</translation>
    </message>
    <message>
        <source>The lot has been invoiced; cancel the invoice first.</source>
        <translation>The lot has been invoiced; cancel the invoice first.</translation>
    </message>
    <message>
        <source>The management review is approved by approving the contract.</source>
        <translation>The management review is approved by approving the contract.</translation>
    </message>
    <message>
        <source>The opportunity belongs to another customer.</source>
        <translation>The opportunity belongs to another customer.</translation>
    </message>
    <message>
        <source>The signing date cannot be in the future.</source>
        <translation>The signing date cannot be in the future.</translation>
    </message>
    <message>
        <source>This review has no such step.</source>
        <translation>This review has no such step.</translation>
    </message>
    <message>
        <source>a comment saying what must change</source>
        <translation>a comment saying what must change</translation>
    </message>
    <message>
        <source>a credit profile with a limit, or an override reason</source>
        <translation>a credit profile with a limit, or an override reason</translation>
    </message>
    <message>
        <source>a manager&apos;s approval</source>
        <translation>a manager&apos;s approval</translation>
    </message>
    <message>
        <source>a unit price</source>
        <translation>a unit price</translation>
    </message>
    <message>
        <source>an override reason (the limit is exceeded by {shortfall} {currency})</source>
        <translation>an override reason (the limit is exceeded by {shortfall} {currency})</translation>
    </message>
    <message>
        <source>completion</source>
        <translation>completion</translation>
    </message>
    <message>
        <source>or an override reason</source>
        <translation>or an override reason</translation>
    </message>
    <message>
        <source>signing (the signing date)</source>
        <translation>signing (the signing date)</translation>
    </message>
    <message>
        <source>submission for review</source>
        <translation>submission for review</translation>
    </message>
    <message>
        <source>the reason for cancelling it</source>
        <translation>the reason for cancelling it</translation>
    </message>
    <message>
        <source>the reason for terminating it</source>
        <translation>the reason for terminating it</translation>
    </message>
    <message>
        <source>the start of execution (a first shipment)</source>
        <translation>the start of execution (a first shipment)</translation>
    </message>
    <message>
        <source>{department} has already decided: {decision}.</source>
        <translation>{department} has already decided: {decision}.</translation>
    </message>
    <message>
        <source>{problem} Cannot approve yet. Missing:</source>
        <translation>{problem} Cannot approve yet. Missing:</translation>
    </message>
    <message>
        <source>{short} {unit} more shipped (minimum {minimum}, shipped {shipped}), or a reason to close it short</source>
        <translation>{short} {unit} more shipped (minimum {minimum}, shipped {shipped}), or a reason to close it short</translation>
    </message>
</context>
<context>
    <name>ContractsTab</name>
    <message>
        <source>%1 contracts · %2 in review · %3 executing</source>
        <translation>%1 contracts · %2 in review · %3 executing</translation>
    </message>
    <message>
        <source>%1 listed</source>
        <translation>%1 listed</translation>
    </message>
    <message>
        <source>A contract is reviewed by someone other than its owner.</source>
        <translation>A contract is reviewed by someone other than its owner.</translation>
    </message>
    <message>
        <source>Add invoice…</source>
        <translation>Add invoice…</translation>
    </message>
    <message>
        <source>Add shipment…</source>
        <translation>Add shipment…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>Approve the reviewed contract after the credit check (managers)</source>
        <translation>Approve the reviewed contract after the credit check (managers)</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>Change the terms of a draft contract</source>
        <translation>Change the terms of a draft contract</translation>
    </message>
    <message>
        <source>Close the contract once its quantity is shipped</source>
        <translation>Close the contract once its quantity is shipped</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Customer (name, pinyin initials, code, USCC, phone) or contract no.</source>
        <translation>Customer (name, pinyin initials, code, USCC, phone) or contract no.</translation>
    </message>
    <message>
        <source>Draft a new contract for a customer</source>
        <translation>Draft a new contract for a customer</translation>
    </message>
    <message>
        <source>Draw a lot against the contract balance</source>
        <translation>Draw a lot against the contract balance</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Every department has decided; a manager approves.</source>
        <translation>Every department has decided; a manager approves.</translation>
    </message>
    <message>
        <source>Find contract</source>
        <translation>Find contract</translation>
    </message>
    <message>
        <source>Issue a provisional or final invoice, or a debit/credit note</source>
        <translation>Issue a provisional or final invoice, or a debit/credit note</translation>
    </message>
    <message>
        <source>Mark the signed contract as executing</source>
        <translation>Mark the signed contract as executing</translation>
    </message>
    <message>
        <source>New contract…</source>
        <translation>New contract…</translation>
    </message>
    <message>
        <source>Not possible while the contract is %1.</source>
        <translation>Not possible while the contract is %1.</translation>
    </message>
    <message>
        <source>Only a sales manager can approve a contract.</source>
        <translation>Only a sales manager can approve a contract.</translation>
    </message>
    <message>
        <source>Only a sales manager can terminate an approved or signed contract.</source>
        <translation>Only a sales manager can terminate an approved or signed contract.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Record a department&apos;s review decision</source>
        <translation>Record a department&apos;s review decision</translation>
    </message>
    <message>
        <source>Record money received against an invoice or on account</source>
        <translation>Record money received against an invoice or on account</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <source>Record the date both parties signed</source>
        <translation>Record the date both parties signed</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <source>Select a contract first.</source>
        <translation>Select a contract first.</translation>
    </message>
    <message>
        <source>Select a contract to see its terms, review, lots, invoices and payments.</source>
        <translation>Select a contract to see its terms, review, lots, invoices and payments.</translation>
    </message>
    <message>
        <source>Send the draft to sales, finance, legal and management review</source>
        <translation>Send the draft to sales, finance, legal and management review</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Show only %1 contracts</source>
        <translation>Show only %1 contracts</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>Start execution</source>
        <translation>Start execution</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stop the contract, with a reason</source>
        <translation>Stop the contract, with a reason</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>Terminate…</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Waiting for the review of: %1</source>
        <translation>Waiting for the review of: %1</translation>
    </message>
    <message>
        <source>You may only change your own contracts or your team&apos;s.</source>
        <translation>You may only change your own contracts or your team&apos;s.</translation>
    </message>
</context>
<context>
    <name>Credit</name>
    <message>
        <source>A credit profile cannot be moved to another customer.</source>
        <translation>A credit profile cannot be moved to another customer.</translation>
    </message>
    <message>
        <source>No exchange rate is known for {currency}: give one to compare amounts.</source>
        <translation>No exchange rate is known for {currency}: give one to compare amounts.</translation>
    </message>
    <message>
        <source>Only a sales manager can set a customer&apos;s credit terms.</source>
        <translation>Only a sales manager can set a customer&apos;s credit terms.</translation>
    </message>
    <message>
        <source>This customer already has a credit profile; edit that one.</source>
        <translation>This customer already has a credit profile; edit that one.</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Ageing — current {current}; 1–30 d {d30}; 31–60 d {d60}; 61–90 d {d90}; over 90 d {over}</source>
        <translation>Ageing — current {current}; 1–30 d {d30}; 31–60 d {d60}; 61–90 d {d90}; over 90 d {over}</translation>
    </message>
    <message>
        <source>Available credit</source>
        <translation>Available credit</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Cancel plan</source>
        <translation>Cancel plan</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message numerus="yes">
        <source>Contacts (%n)</source>
        <translation>
            <numerusform>Contacts (%n)</numerusform>
            <numerusform>Contacts (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>Contract no.</translation>
    </message>
    <message numerus="yes">
        <source>Contracts (%n)</source>
        <translation>
            <numerusform>Contracts (%n)</numerusform>
            <numerusform>Contracts (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <source>Credit rating</source>
        <translation>Credit rating</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Decision role</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>Discharge port</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>Done at</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Edit contact…</source>
        <translation>Edit contact…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>Estimated value</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposure</translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups (%n)</source>
        <translation>
            <numerusform>Follow-ups (%n)</numerusform>
            <numerusform>Follow-ups (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Log visit for plan…</source>
        <translation>Log visit for plan…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>New contact…</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Next action</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>No credit profile: no limit granted.</source>
        <translation>No credit profile: no limit granted.</translation>
    </message>
    <message>
        <source>Open receivables {ar} + open contracts {contracts}</source>
        <translation>Open receivables {ar} + open contracts {contracts}</translation>
    </message>
    <message numerus="yes">
        <source>Opportunities (%n)</source>
        <translation>
            <numerusform>Opportunities (%n)</numerusform>
            <numerusform>Opportunities (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Overdue receivables</source>
        <translation>Overdue receivables</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>Province / city</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA due</translation>
    </message>
    <message>
        <source>Select a customer to see contacts, the activity timeline, follow-up plans, opportunities, contracts, service tickets and credit.</source>
        <translation>Select a customer to see contacts, the activity timeline, follow-up plans, opportunities, contracts, service tickets and credit.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>Ticket no.</translation>
    </message>
    <message numerus="yes">
        <source>Tickets (%n)</source>
        <translation>
            <numerusform>Tickets (%n)</numerusform>
            <numerusform>Tickets (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timeline (%n)</source>
        <translation>
            <numerusform>Timeline (%n)</numerusform>
            <numerusform>Timeline (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>none planned</source>
        <translation>none planned</translation>
    </message>
    <message>
        <source>{rating} (score {score}) · {days} days</source>
        <translation>{rating} (score {score}) · {days} days</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>18 characters, e.g. 91150200114124953K</source>
        <translation>18 characters, e.g. 91150200114124953K</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>Discharge port</translation>
    </message>
    <message>
        <source>Edit customer — {name}</source>
        <translation>Edit customer — {name}</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>Name (Chinese)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Name (English)</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>e.g. C-HB-0001</source>
        <translation>e.g. C-HB-0001</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>The customer has {n} open contract(s).</source>
        <translation>The customer has {n} open contract(s).</translation>
    </message>
    <message>
        <source>The customer has {n} open service ticket(s).</source>
        <translation>The customer has {n} open service ticket(s).</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n due today</numerusform>
            <numerusform>%n due today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n follow-up overdue</numerusform>
            <numerusform>%n follow-ups overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel follow-up plan</source>
        <translation>Cancel follow-up plan</translation>
    </message>
    <message>
        <source>Cancel the follow-up “{action}” due {due}?</source>
        <translation>Cancel the follow-up “{action}” due {due}?</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>Customer list</translation>
    </message>
    <message>
        <source>Customers</source>
        <extracomment>the kind of activity the log button starts with: the last one the rep logged &quot;today&quot; for due/overdue; replaceable so tests and screenshots can pin the date</extracomment>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <source>Delete the customer (Del in the list)</source>
        <translation>Delete the customer (Del in the list)</translation>
    </message>
    <message>
        <source>Delete {name} ({code})?

The customer disappears from every list; the deletion is synced to the other laptops.</source>
        <translation>Delete {name} ({code})?

The customer disappears from every list; the deletion is synced to the other laptops.</translation>
    </message>
    <message>
        <source>Edit the customer (Enter or double-click)</source>
        <translation>Edit the customer (Enter or double-click)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Filter by {what}</source>
        <translation>Filter by {what}</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <source>Log visit/call…</source>
        <translation>Log visit/call…</translation>
    </message>
    <message>
        <source>Log {kind}…</source>
        <translation>Log {kind}…</translation>
    </message>
    <message>
        <source>My customers</source>
        <translation>My customers</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone</source>
        <translation>Name, pinyin initials, code, USCC or phone</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>New contact…</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>New customer…</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation>No customer matches “{query}”.</translation>
    </message>
    <message>
        <source>No customers match these filters.</source>
        <translation>No customers match these filters.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>Province / city</translation>
    </message>
    <message>
        <source>Reassign owner…</source>
        <translation>Reassign owner…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Week plan</source>
        <translation>Week plan</translation>
    </message>
    <message>
        <source>{name} belongs to {owner}; only they or their manager can change it.</source>
        <translation>{name} belongs to {owner}; only they or their manager can change it.</translation>
    </message>
    <message>
        <source>{name} cannot be deleted:
{reasons}</source>
        <translation>{name} cannot be deleted:
{reasons}</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Adding up the period’s records…</source>
        <translation>Adding up the period’s records…</translation>
    </message>
    <message>
        <source>Choose one person, one team or everyone.</source>
        <translation>Choose one person, one team or everyone.</translation>
    </message>
    <message>
        <source>Drawing charts and tables…</source>
        <translation>Drawing charts and tables…</translation>
    </message>
    <message>
        <source>No Chinese TrueType font was found, so charts and PDFs cannot show Chinese. Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), or on Windows make sure Microsoft YaHei (msyh.ttc) or SimSun (simsun.ttc) is in C:\Windows\Fonts, or put a .ttf/.ttc font into {folder}. Looked for: {paths}</source>
        <translation>No Chinese TrueType font was found, so charts and PDFs cannot show Chinese. Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), or on Windows make sure Microsoft YaHei (msyh.ttc) or SimSun (simsun.ttc) is in C:\Windows\Fonts, or put a .ttf/.ttc font into {folder}. Looked for: {paths}</translation>
    </message>
    <message>
        <source>Nobody to appraise: the choice has no active reps.</source>
        <translation>Nobody to appraise: the choice has no active reps.</translation>
    </message>
    <message>
        <source>Nobody to print: the choice has no reps.</source>
        <translation>Nobody to print: the choice has no reps.</translation>
    </message>
    <message>
        <source>The font {path} cannot be used for PDFs ({error}). Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or put another TrueType (.ttf/.ttc) Chinese font into the application&apos;s fonts folder.</source>
        <translation>The font {path} cannot be used for PDFs ({error}). Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or put another TrueType (.ttf/.ttc) Chinese font into the application&apos;s fonts folder.</translation>
    </message>
    <message>
        <source>There is no team named “{name}”.</source>
        <translation>There is no team named “{name}”.</translation>
    </message>
</context>
<context>
    <name>DueFollowUpsPanel</name>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n due today</numerusform>
            <numerusform>%n due today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Due follow-ups</source>
        <translation>Due follow-ups</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Log the visit or call that does this follow-up</source>
        <translation>Log the visit or call that does this follow-up</translation>
    </message>
    <message>
        <source>Log visit…</source>
        <translation>Log visit…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>Nothing due today. Plan the next visits in the week plan.</source>
        <translation>Nothing due today. Plan the next visits in the week plan.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The record no longer exists (it may have been deleted).</source>
        <translation>The record no longer exists (it may have been deleted).</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>A suggestion that is {current} cannot become {target}.</source>
        <translation>A suggestion that is {current} cannot become {target}.</translation>
    </message>
    <message>
        <source>An answer to the author.</source>
        <translation>An answer to the author.</translation>
    </message>
    <message>
        <source>It must be {status} first.</source>
        <translation>It must be {status} first.</translation>
    </message>
    <message>
        <source>The suggestion cannot be {target} without an answer.</source>
        <translation>The suggestion cannot be {target} without an answer.</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Edit suggestion</source>
        <translation>Edit suggestion</translation>
    </message>
    <message>
        <source>New suggestion</source>
        <translation>New suggestion</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>What should change, and why?</source>
        <translation>What should change, and why?</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>%1 · by %2 · submitted %3</source>
        <translation>%1 · by %2 · submitted %3</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s)</source>
        <translation>
            <numerusform>%n suggestion</numerusform>
            <numerusform>%n suggestions</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept or decline the suggestion, with an answer to its author</source>
        <translation>Accept or decline the suggestion, with an answer to its author</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Change your suggestion while nobody has taken it up</source>
        <translation>Change your suggestion while nobody has taken it up</translation>
    </message>
    <message>
        <source>Drop a suggestion in the box</source>
        <translation>Drop a suggestion in the box</translation>
    </message>
    <message>
        <source>Edit suggestion…</source>
        <translation>Edit suggestion…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message numerus="yes">
        <source>My suggestions: %n</source>
        <translation>
            <numerusform>My suggestions: %n</numerusform>
            <numerusform>My suggestions: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>New suggestion…</source>
        <translation>New suggestion…</translation>
    </message>
    <message>
        <source>Not answered yet.</source>
        <translation>Not answered yet.</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can answer feedback.</source>
        <translation>Only a manager or an administrator can answer feedback.</translation>
    </message>
    <message>
        <source>Only a new suggestion can be taken up.</source>
        <translation>Only a new suggestion can be taken up.</translation>
    </message>
    <message>
        <source>Only an accepted suggestion can be marked done.</source>
        <translation>Only an accepted suggestion can be marked done.</translation>
    </message>
    <message>
        <source>Only its author can change a suggestion, until it is taken up.</source>
        <translation>Only its author can change a suggestion, until it is taken up.</translation>
    </message>
    <message>
        <source>Select a suggestion first.</source>
        <translation>Select a suggestion first.</translation>
    </message>
    <message>
        <source>Select a suggestion to read it and its answer.</source>
        <translation>Select a suggestion to read it and its answer.</translation>
    </message>
    <message>
        <source>Start review</source>
        <translation>Start review</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Take the suggestion up for review</source>
        <translation>Take the suggestion up for review</translation>
    </message>
    <message>
        <source>Take the suggestion up for review first.</source>
        <translation>Take the suggestion up for review first.</translation>
    </message>
    <message>
        <source>The accepted suggestion has been carried out</source>
        <translation>The accepted suggestion has been carried out</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>Create the administrator</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>This database is new. Create the administrator account; the administrator then adds the sales team.</source>
        <translation>This database is new. Create the administrator account; the administrator then adds the sales team.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
</context>
<context>
    <name>FollowUpReminderDialog</name>
    <message>
        <source>%1 overdue and %2 due today.</source>
        <translation>%1 overdue and %2 due today.</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) due today.</source>
        <translation>
            <numerusform>%n follow-up due today.</numerusform>
            <numerusform>%n follow-ups due today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue.</source>
        <translation>
            <numerusform>%n follow-up overdue.</numerusform>
            <numerusform>%n follow-ups overdue.</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Follow-ups due</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Nothing is due. Well done.</source>
        <translation>Nothing is due. Well done.</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>Open customer</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>This follow-up is already closed.</source>
        <translation>This follow-up is already closed.</translation>
    </message>
    <message>
        <source>{date} · today</source>
        <translation>{date} · today</translation>
    </message>
    <message>
        <source>{date} · {n} d overdue</source>
        <translation>{date} · {n} d overdue</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <source>%1 · VAT %2 % · due %3 days after issue</source>
        <translation>%1 · VAT %2 % · due %3 days after issue</translation>
    </message>
    <message>
        <source>Add invoice</source>
        <translation>Add invoice</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Net amount (excl. VAT)</source>
        <translation>Net amount (excl. VAT)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation>Unit price (%1)</translation>
    </message>
    <message>
        <source>excl. VAT</source>
        <translation>excl. VAT</translation>
    </message>
    <message>
        <source>incl. VAT</source>
        <translation>incl. VAT</translation>
    </message>
    <message>
        <source>or give quantity and unit price</source>
        <translation>or give quantity and unit price</translation>
    </message>
</context>
<context>
    <name>LogActivityDialog</name>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Log a visit or call — {name}</source>
        <translation>Log a visit or call — {name}</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Next action</translation>
    </message>
    <message>
        <source>Next action (becomes a follow-up plan)</source>
        <translation>Next action (becomes a follow-up plan)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Optional — the kind is used when left empty</source>
        <translation>Optional — the kind is used when left empty</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Saving marks the follow-up plan “{action}” (due {due}) done.</source>
        <translation>Saving marks the follow-up plan “{action}” (due {due}) done.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign in — %1</source>
        <translation>Sign in — %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>Competitor</source>
        <translation>Competitor</translation>
    </message>
    <message>
        <source>Lost reason *</source>
        <translation>Lost reason *</translation>
    </message>
    <message>
        <source>Mark %1 as lost</source>
        <translation>Mark %1 as lost</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>What decided it? Price gap, spec, logistics…</source>
        <translation>What decided it? Price gap, spec, logistics…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>&amp;Back up database…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;New database…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Version %3&lt;/p&gt;&lt;p&gt;Offline-first CRM for the sales department of a mining company.&lt;/p&gt;&lt;p&gt;Database: %4&lt;br&gt;Logs: %5&lt;/p&gt;&lt;p&gt;Qt for Python %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Version %3&lt;/p&gt;&lt;p&gt;Offline-first CRM for the sales department of a mining company.&lt;/p&gt;&lt;p&gt;Database: %4&lt;br&gt;Logs: %5&lt;/p&gt;&lt;p&gt;Qt for Python %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>About %1</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>Back up database</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>Database (*.db)</source>
        <translation>Database (*.db)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Open &amp;log folder</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>Replace the current database with this backup? The current database is kept as a backup of its own.</source>
        <translation>Replace the current database with this backup? The current database is kept as a backup of its own.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>User: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>Edit meeting</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>Held at</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>With</source>
        <translation>With</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Action items</translation>
    </message>
    <message>
        <source>Action items of this meeting</source>
        <translation>Action items of this meeting</translation>
    </message>
    <message>
        <source>Add action item…</source>
        <translation>Add action item…</translation>
    </message>
    <message>
        <source>Add what the meeting decided someone will do</source>
        <translation>Add what the meeting decided someone will do</translation>
    </message>
    <message>
        <source>All meetings</source>
        <translation>All meetings</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Cancel item</source>
        <translation>Cancel item</translation>
    </message>
    <message>
        <source>Change the meeting and its minutes</source>
        <translation>Change the meeting and its minutes</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Edit meeting…</source>
        <translation>Edit meeting…</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>Held at</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>My action items</source>
        <translation>My action items</translation>
    </message>
    <message>
        <source>My open action items</source>
        <translation>My open action items</translation>
    </message>
    <message>
        <source>My open action items from every meeting</source>
        <translation>My open action items from every meeting</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <source>No minutes recorded.</source>
        <translation>No minutes recorded.</translation>
    </message>
    <message>
        <source>Only the assignee, the item&apos;s owner or whoever may change the meeting can close this item.</source>
        <translation>Only the assignee, the item&apos;s owner or whoever may change the meeting can close this item.</translation>
    </message>
    <message>
        <source>Only the organiser or their manager can change this meeting.</source>
        <translation>Only the organiser or their manager can change this meeting.</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>Open items</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>Organiser: %1</translation>
    </message>
    <message>
        <source>Record a team meeting or a one-to-one</source>
        <translation>Record a team meeting or a one-to-one</translation>
    </message>
    <message>
        <source>Select a meeting first.</source>
        <translation>Select a meeting first.</translation>
    </message>
    <message>
        <source>Select a meeting to see its minutes and action items.</source>
        <translation>Select a meeting to see its minutes and action items.</translation>
    </message>
    <message>
        <source>Select an action item first.</source>
        <translation>Select an action item first.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Team / with</source>
        <translation>Team / with</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Team: %1</translation>
    </message>
    <message>
        <source>The action item is done</source>
        <translation>The action item is done</translation>
    </message>
    <message>
        <source>The action item is no longer needed</source>
        <translation>The action item is no longer needed</translation>
    </message>
    <message>
        <source>This action item is already %1.</source>
        <translation>This action item is already %1.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>With: %1</source>
        <translation>With: %1</translation>
    </message>
    <message>
        <source>You may only add action items to your own meetings.</source>
        <translation>You may only add action items to your own meetings.</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>Bid deadline (tenders)</source>
        <translation>Bid deadline (tenders)</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Competitor</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>Deal type</translation>
    </message>
    <message>
        <source>Edit opportunity %1</source>
        <translation>Edit opportunity %1</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>Estimated value</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Move back to %1</source>
        <translation>Move back to %1</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>New opportunity</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Probability %</source>
        <translation>Probability %</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Search name, code, pinyin initials, USCC or phone</source>
        <translation>Search name, code, pinyin initials, USCC or phone</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Why does %1 move back to %2?</source>
        <translation>Why does %1 move back to %2?</translation>
    </message>
    <message>
        <source>e.g. 2026 term supply</source>
        <translation>e.g. 2026 term supply</translation>
    </message>
</context>
<context>
    <name>OpportunityPanel</name>
    <message numerus="yes">
        <source>%n day(s) since %1</source>
        <translation>
            <numerusform>%n day since %1</numerusform>
            <numerusform>%n days since %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; still needs:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; still needs:</translation>
    </message>
    <message>
        <source>Bid deadline</source>
        <translation>Bid deadline</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>Estimated value</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Export quote PDF…</source>
        <translation>Export quote PDF…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <translation>Lost: %1</translation>
    </message>
    <message>
        <source>Make contract draft…</source>
        <translation>Make contract draft…</translation>
    </message>
    <message>
        <source>New quote version…</source>
        <translation>New quote version…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Only the current version of the quote becomes a contract.</source>
        <translation>Only the current version of the quote becomes a contract.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Pick a card on the board or a row in the list to see its guide.</source>
        <translation>Pick a card on the board or a row in the list to see its guide.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Quotes</translation>
    </message>
    <message>
        <source>Ready for &lt;b&gt;%1&lt;/b&gt;: every gate condition holds.</source>
        <translation>Ready for &lt;b&gt;%1&lt;/b&gt;: every gate condition holds.</translation>
    </message>
    <message>
        <source>Select an opportunity</source>
        <extracomment>an edited copy of the guides in the data folder wins over the shipped file</extracomment>
        <translation>Select an opportunity</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Stage guide</source>
        <translation>Stage guide</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>Time in stage</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Watch for</source>
        <translation>Watch for</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Remember until I close MineSales</source>
        <translation>Remember until I close MineSales</translation>
    </message>
    <message>
        <source>Sign in to %1 as %2.</source>
        <translation>Sign in to %1 as %2.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sync — sign in</source>
        <translation>Sync — sign in</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>%1 · open %2</source>
        <translation>%1 · open %2</translation>
    </message>
    <message>
        <source>(on account, no invoice)</source>
        <translation>(on account, no invoice)</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Amount (%1)</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>Bank reference</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>Record payment</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>The database already has users; sign in instead.</source>
        <translation>The database already has users; sign in instead.</translation>
    </message>
    <message>
        <source>The team still has {n} member(s).</source>
        <translation>The team still has {n} member(s).</translation>
    </message>
</context>
<context>
    <name>Performance</name>
    <message>
        <source>A score from 0 to {top}.</source>
        <translation>A score from 0 to {top}.</translation>
    </message>
    <message>
        <source>A target cannot be moved to another person or KPI.</source>
        <translation>A target cannot be moved to another person or KPI.</translation>
    </message>
    <message>
        <source>A target stays in its period: delete it and set one for the other period.</source>
        <translation>A target stays in its period: delete it and set one for the other period.</translation>
    </message>
    <message>
        <source>Appraisals are for sales reps and managers.</source>
        <translation>Appraisals are for sales reps and managers.</translation>
    </message>
    <message>
        <source>Cannot finish the manager review yet. Missing:</source>
        <translation>Cannot finish the manager review yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot submit the self-assessment yet. Missing:</source>
        <translation>Cannot submit the self-assessment yet. Missing:</translation>
    </message>
    <message>
        <source>Cannot {doing} now: the appraisal is at “{status}”.</source>
        <translation>Cannot {doing} now: the appraisal is at “{status}”.</translation>
    </message>
    <message>
        <source>Deduction scoring needs the points deducted per point (deduct_per_point).</source>
        <translation>Deduction scoring needs the points deducted per point (deduct_per_point).</translation>
    </message>
    <message>
        <source>Each grade needs a distinct name of 1 to 4 characters.</source>
        <translation>Each grade needs a distinct name of 1 to 4 characters.</translation>
    </message>
    <message>
        <source>Give at least one grade band.</source>
        <translation>Give at least one grade band.</translation>
    </message>
    <message>
        <source>Grade floors must be in descending order, highest grade first.</source>
        <translation>Grade floors must be in descending order, highest grade first.</translation>
    </message>
    <message>
        <source>Linear scoring needs a cap (cap_pct).</source>
        <translation>Linear scoring needs a cap (cap_pct).</translation>
    </message>
    <message>
        <source>Make it inactive instead.</source>
        <translation>Make it inactive instead.</translation>
    </message>
    <message>
        <source>No such KPI: {code}</source>
        <translation>No such KPI: {code}</translation>
    </message>
    <message>
        <source>No such person.</source>
        <translation>No such person.</translation>
    </message>
    <message>
        <source>No such team.</source>
        <translation>No such team.</translation>
    </message>
    <message>
        <source>Not a period: {text!r}. Write a month as 2026-10, a quarter as 2026Q3 or a year as 2026.</source>
        <translation>Not a period: {text!r}. Write a month as 2026-10, a quarter as 2026Q3 or a year as 2026.</translation>
    </message>
    <message>
        <source>Targets are for sales reps and managers.</source>
        <translation>Targets are for sales reps and managers.</translation>
    </message>
    <message>
        <source>The appraisal is confirmed and can no longer be changed.</source>
        <translation>The appraisal is confirmed and can no longer be changed.</translation>
    </message>
    <message>
        <source>The cap must be between 100 and 200 %.</source>
        <translation>The cap must be between 100 and 200 %.</translation>
    </message>
    <message>
        <source>The deduction per point must be above zero.</source>
        <translation>The deduction per point must be above zero.</translation>
    </message>
    <message>
        <source>The free allowance (free_pct) must be a number ≥ 0.</source>
        <translation>The free allowance (free_pct) must be a number ≥ 0.</translation>
    </message>
    <message>
        <source>The lowest grade must start at 0.</source>
        <translation>The lowest grade must start at 0.</translation>
    </message>
    <message>
        <source>The scoring parameters are not valid JSON.</source>
        <translation>The scoring parameters are not valid JSON.</translation>
    </message>
    <message>
        <source>The scoring parameters must be a set of values.</source>
        <translation>The scoring parameters must be a set of values.</translation>
    </message>
    <message>
        <source>The weights of the active KPIs add up to {total}; they must add up to exactly 100.</source>
        <translation>The weights of the active KPIs add up to {total}; they must add up to exactly 100.</translation>
    </message>
    <message>
        <source>This person already has a target for this KPI in {period}.</source>
        <translation>This person already has a target for this KPI in {period}.</translation>
    </message>
    <message>
        <source>Tier thresholds must be in descending order (tier {n}: {value}).</source>
        <translation>Tier thresholds must be in descending order (tier {n}: {value}).</translation>
    </message>
    <message>
        <source>Tier {n} must be a pair [threshold, score] of numbers.</source>
        <translation>Tier {n} must be a pair [threshold, score] of numbers.</translation>
    </message>
    <message>
        <source>Tier {n}: the score must be 0–100.</source>
        <translation>Tier {n}: the score must be 0–100.</translation>
    </message>
    <message>
        <source>Tiered scoring needs tiers: [[threshold, score], …], highest first.</source>
        <translation>Tiered scoring needs tiers: [[threshold, score], …], highest first.</translation>
    </message>
    <message>
        <source>Unknown parameter(s) for {rule}: {keys}.</source>
        <translation>Unknown parameter(s) for {rule}: {keys}.</translation>
    </message>
    <message>
        <source>Upper-case letters, digits and _ only, starting with a letter.</source>
        <translation>Upper-case letters, digits and _ only, starting with a letter.</translation>
    </message>
    <message>
        <source>Write the bands as A:90, B:80, C:70, D:60, E:0.</source>
        <translation>Write the bands as A:90, B:80, C:70, D:60, E:0.</translation>
    </message>
    <message>
        <source>a manager score for: {kpis}</source>
        <translation>a manager score for: {kpis}</translation>
    </message>
    <message>
        <source>a self score for: {kpis}</source>
        <translation>a self score for: {kpis}</translation>
    </message>
    <message>
        <source>change the self-assessment</source>
        <translation>change the self-assessment</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>confirm</translation>
    </message>
    <message>
        <source>enter actuals</source>
        <translation>enter actuals</translation>
    </message>
    <message>
        <source>return it to the person</source>
        <translation>return it to the person</translation>
    </message>
    <message>
        <source>score as manager</source>
        <translation>score as manager</translation>
    </message>
    <message>
        <source>the appraisal at “{status}”</source>
        <translation>the appraisal at “{status}”</translation>
    </message>
    <message>
        <source>the manager&apos;s comments</source>
        <translation>the manager&apos;s comments</translation>
    </message>
    <message>
        <source>the self-assessment</source>
        <translation>the self-assessment</translation>
    </message>
    <message>
        <source>{kpi} is computed from the records; its actual is not typed in.</source>
        <translation>{kpi} is computed from the records; its actual is not typed in.</translation>
    </message>
    <message>
        <source>{n} appraisal line(s) use this KPI.</source>
        <translation>{n} appraisal line(s) use this KPI.</translation>
    </message>
    <message>
        <source>{n} target(s) use this KPI.</source>
        <translation>{n} target(s) use this KPI.</translation>
    </message>
    <message>
        <source>{period} is a {actual} period, not {given}.</source>
        <translation>{period} is a {actual} period, not {given}.</translation>
    </message>
    <message>
        <source>{period} is not a {given} period.</source>
        <translation>{period} is not a {given} period.</translation>
    </message>
</context>
<context>
    <name>PerformancePrinter</name>
    <message>
        <source>%1 appraisal sheet(s) printed into one PDF:
%2</source>
        <translation>%1 appraisal sheet(s) printed into one PDF:
%2</translation>
    </message>
    <message>
        <source>%1 appraisal sheet(s) printed, one PDF per person, into
%2</source>
        <translation>%1 appraisal sheet(s) printed, one PDF per person, into
%2</translation>
    </message>
    <message>
        <source>Appraisal sheet</source>
        <translation>Appraisal sheet</translation>
    </message>
    <message>
        <source>Batch appraisal sheets</source>
        <translation>Batch appraisal sheets</translation>
    </message>
    <message>
        <source>Making the sales report</source>
        <translation>Making the sales report</translation>
    </message>
    <message>
        <source>No PDF viewer could be started. The file is at %1</source>
        <translation>No PDF viewer could be started. The file is at %1</translation>
    </message>
    <message>
        <source>No file manager could be started. The PDFs are in %1</source>
        <translation>No file manager could be started. The PDFs are in %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>PDF in Chinese (*.pdf)</source>
        <translation>PDF in Chinese (*.pdf)</translation>
    </message>
    <message>
        <source>PDF in English (*.pdf)</source>
        <translation>PDF in English (*.pdf)</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>Print preview — %1</source>
        <translation>Print preview — %1</translation>
    </message>
    <message>
        <source>Printing appraisal sheets</source>
        <translation>Printing appraisal sheets</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>Sales report</translation>
    </message>
    <message>
        <source>Save the appraisal sheet of %1</source>
        <translation>Save the appraisal sheet of %1</translation>
    </message>
</context>
<context>
    <name>PerformanceTab</name>
    <message>
        <source>%1 (me)</source>
        <translation>%1 (me)</translation>
    </message>
    <message>
        <source>%1 KPI(s) without a score yet (no target or nothing to measure: —)</source>
        <translation>%1 KPI(s) without a score yet (no target or nothing to measure: —)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 — the charts of the sales report</source>
        <translation>%1 · %2 — the charts of the sales report</translation>
    </message>
    <message>
        <source>%1 · %2 — total score by person</source>
        <translation>%1 · %2 — total score by person</translation>
    </message>
    <message>
        <source>%1: %2 people</source>
        <translation>%1: %2 people</translation>
    </message>
    <message>
        <source>%1: total %2, grade %3</source>
        <translation>%1: total %2, grade %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 — total score &lt;b&gt;%3&lt;/b&gt; · grade &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 — total score &lt;b&gt;%3&lt;/b&gt; · grade &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Adding up %1…</source>
        <translation>Adding up %1…</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <source>Appraisal sheet PDF…</source>
        <translation>Appraisal sheet PDF…</translation>
    </message>
    <message>
        <source>Appraisal: %1 — total %2, grade %3 (frozen)</source>
        <translation>Appraisal: %1 — total %2, grade %3 (frozen)</translation>
    </message>
    <message>
        <source>Appraisal: %1 — total so far %2, grade %3</source>
        <translation>Appraisal: %1 — total so far %2, grade %3</translation>
    </message>
    <message>
        <source>Batch sheets…</source>
        <translation>Batch sheets…</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <source>Manager review…</source>
        <translation>Manager review…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No appraisal for %1 yet.</source>
        <translation>No appraisal for %1 yet.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Pick one person; for a whole team use Batch sheets…</source>
        <translation>Pick one person; for a whole team use Batch sheets…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>Print the sheets of a whole team: one combined PDF or one PDF per person</source>
        <translation>Print the sheets of a whole team: one combined PDF or one PDF per person</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Report charts</source>
        <translation>Report charts</translation>
    </message>
    <message>
        <source>Sales department (all teams)</source>
        <translation>Sales department (all teams)</translation>
    </message>
    <message>
        <source>Sales report…</source>
        <translation>Sales report…</translation>
    </message>
    <message>
        <source>Save the appraisal sheet of the person and period shown as a PDF and open it</source>
        <translation>Save the appraisal sheet of the person and period shown as a PDF and open it</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Self-assessment…</source>
        <translation>Self-assessment…</translation>
    </message>
    <message>
        <source>Show the appraisal sheet as it will print, and print it from there</source>
        <translation>Show the appraisal sheet as it will print, and print it from there</translation>
    </message>
    <message>
        <source>Start appraisal…</source>
        <translation>Start appraisal…</translation>
    </message>
    <message>
        <source>Start self-assessment…</source>
        <translation>Start self-assessment…</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Team members (double-click to open)</source>
        <translation>Team members (double-click to open)</translation>
    </message>
    <message>
        <source>The monthly, quarterly or yearly sales report with its charts, as a PDF</source>
        <translation>The monthly, quarterly or yearly sales report with its charts, as a PDF</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>View appraisal…</source>
        <translation>View appraisal…</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
    <message>
        <source>Whole team: %1</source>
        <translation>Whole team: %1</translation>
    </message>
    <message>
        <source>YoY growth</source>
        <translation>YoY growth</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>not started</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Only a manager can reassign responsibility.</source>
        <translation>Only a manager can reassign responsibility.</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can answer feedback.</source>
        <translation>Only a manager or an administrator can answer feedback.</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can change KPIs.</source>
        <translation>Only a manager or an administrator can change KPIs.</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can change the catalogue.</source>
        <translation>Only a manager or an administrator can change the catalogue.</translation>
    </message>
    <message>
        <source>Only after-sales staff or the customer&apos;s rep (or their manager) can open a ticket for this customer.</source>
        <translation>Only after-sales staff or the customer&apos;s rep (or their manager) can open a ticket for this customer.</translation>
    </message>
    <message>
        <source>Only after-sales staff, the assignee or the customer&apos;s rep (or their manager) can work on this ticket.</source>
        <translation>Only after-sales staff, the assignee or the customer&apos;s rep (or their manager) can work on this ticket.</translation>
    </message>
    <message>
        <source>Only an administrator can manage users and teams.</source>
        <translation>Only an administrator can manage users and teams.</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record attendance.</source>
        <translation>Only the organiser, a manager or the attendee can record attendance.</translation>
    </message>
    <message>
        <source>Only the person appraised can write their self-assessment.</source>
        <translation>Only the person appraised can write their self-assessment.</translation>
    </message>
    <message>
        <source>Only the person or their manager can start their appraisal.</source>
        <translation>Only the person or their manager can start their appraisal.</translation>
    </message>
    <message>
        <source>Only the person&apos;s manager can score, comment on and confirm their appraisal.</source>
        <translation>Only the person&apos;s manager can score, comment on and confirm their appraisal.</translation>
    </message>
    <message>
        <source>Only the person&apos;s manager can set their targets.</source>
        <translation>Only the person&apos;s manager can set their targets.</translation>
    </message>
    <message>
        <source>Only the team&apos;s manager can see the whole team&apos;s KPIs.</source>
        <translation>Only the team&apos;s manager can see the whole team&apos;s KPIs.</translation>
    </message>
    <message>
        <source>You may only add action items to your own meetings.</source>
        <translation>You may only add action items to your own meetings.</translation>
    </message>
    <message>
        <source>You may only change your own records or your team&apos;s.</source>
        <translation>You may only change your own records or your team&apos;s.</translation>
    </message>
    <message>
        <source>You may only print your own sheet, or your team&apos;s as manager.</source>
        <translation>You may only print your own sheet, or your team&apos;s as manager.</translation>
    </message>
    <message>
        <source>You may only see your own KPIs, or your team&apos;s as manager.</source>
        <translation>You may only see your own KPIs, or your team&apos;s as manager.</translation>
    </message>
    <message>
        <source>You may only see your own appraisal, or your team&apos;s as manager.</source>
        <translation>You may only see your own appraisal, or your team&apos;s as manager.</translation>
    </message>
    <message>
        <source>You may only see your own records or your team&apos;s.</source>
        <extracomment>the columns of the board, left to right list-view sort key → SQL expression</extracomment>
        <translation>You may only see your own records or your team&apos;s.</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>A lost opportunity can only be reopened as a lead.</source>
        <translation>A lost opportunity can only be reopened as a lead.</translation>
    </message>
    <message>
        <source>A won opportunity is final; its contract carries on.</source>
        <translation>A won opportunity is final; its contract carries on.</translation>
    </message>
    <message>
        <source>A won or lost opportunity is closed; reopen it to edit.</source>
        <translation>A won or lost opportunity is closed; reopen it to edit.</translation>
    </message>
    <message>
        <source>Cannot move to {stage} yet. Missing:</source>
        <translation>Cannot move to {stage} yet. Missing:</translation>
    </message>
    <message>
        <source>Moving back to {stage} needs:</source>
        <translation>Moving back to {stage} needs:</translation>
    </message>
    <message>
        <source>Only a manager can reopen a lost opportunity.</source>
        <translation>Only a manager can reopen a lost opportunity.</translation>
    </message>
    <message>
        <source>The opportunity is closed; it takes no new quotes.</source>
        <translation>The opportunity is closed; it takes no new quotes.</translation>
    </message>
    <message>
        <source>a lost reason (price, spec, logistics, …)</source>
        <translation>a lost reason (price, spec, logistics, …)</translation>
    </message>
    <message>
        <source>a note saying why</source>
        <translation>a note saying why</translation>
    </message>
    <message>
        <source>a quote</source>
        <translation>a quote</translation>
    </message>
    <message>
        <source>a signed contract</source>
        <translation>a signed contract</translation>
    </message>
    <message>
        <source>the product the customer needs</source>
        <translation>the product the customer needs</translation>
    </message>
    <message>
        <source>the quantity the customer needs</source>
        <translation>the quantity the customer needs</translation>
    </message>
    <message>
        <source>the tender&apos;s bid deadline</source>
        <translation>the tender&apos;s bid deadline</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>%1 moved to %2.</source>
        <translation>%1 moved to %2.</translation>
    </message>
    <message>
        <source>%1 open · weighted %2</source>
        <translation>%1 open · weighted %2</translation>
    </message>
    <message>
        <source>Advance ▶</source>
        <translation>Advance ▶</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>All products</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Closing this month</source>
        <translation>Closing this month</translation>
    </message>
    <message>
        <source>Closing this quarter</source>
        <translation>Closing this quarter</translation>
    </message>
    <message>
        <source>Closing this year</source>
        <translation>Closing this year</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Contract draft %1 made from the quote; it is in the Contracts tab.</source>
        <translation>Contract draft %1 made from the quote; it is in the Contracts tab.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>Days in stage</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>List view</source>
        <translation>List view</translation>
    </message>
    <message>
        <source>Mark lost…</source>
        <translation>Mark lost…</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <source>My team</source>
        <translation>My team</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>New opportunity</translation>
    </message>
    <message>
        <source>New quote version</source>
        <translation>New quote version</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <extracomment>re-emitted from the quote editor (QuoteDTO): the seam for the quote PDF and the contract</extracomment>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Prob.</source>
        <translation>Prob.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Something went wrong: %1</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>The edited stage guides were not used: %1</source>
        <translation>The edited stage guides were not used: %1</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
</context>
<context>
    <name>PrintDialogs</name>
    <message>
        <source>Print preview</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>The print preview needs pypdfium2 or poppler&apos;s pdftoppm. Open the PDF instead and print it from the PDF viewer.</source>
        <translation>The print preview needs pypdfium2 or poppler&apos;s pdftoppm. Open the PDF instead and print it from the PDF viewer.</translation>
    </message>
</context>
<context>
    <name>QuoteEditor</name>
    <message>
        <source>Add analyte</source>
        <translation>Add analyte</translation>
    </message>
    <message>
        <source>CNY per USD</source>
        <translation>CNY per USD</translation>
    </message>
    <message>
        <source>Choose price terms.</source>
        <translation>Choose price terms.</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Currency, VAT and payment</source>
        <translation>Currency, VAT and payment</translation>
    </message>
    <message>
        <source>Enter the %1 index value.</source>
        <translation>Enter the %1 index value.</translation>
    </message>
    <message>
        <source>Enter the FX rate (CNY per USD).</source>
        <translation>Enter the FX rate (CNY per USD).</translation>
    </message>
    <message>
        <source>Enter the quantity.</source>
        <translation>Enter the quantity.</translation>
    </message>
    <message>
        <source>FX</source>
        <translation>FX</translation>
    </message>
    <message>
        <source>FX (CNY per USD)</source>
        <translation>FX (CNY per USD)</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>Incoterm</translation>
    </message>
    <message>
        <source>Index %1 (%2/%3)</source>
        <translation>Index %1 (%2/%3)</translation>
    </message>
    <message>
        <source>Index %1: not a number.</source>
        <translation>Index %1: not a number.</translation>
    </message>
    <message>
        <source>Latest published %1 quote, of %2</source>
        <translation>Latest published %1 quote, of %2</translation>
    </message>
    <message>
        <source>Lot of %1 %2</source>
        <translation>Lot of %1 %2</translation>
    </message>
    <message>
        <source>Must be a number.</source>
        <translation>Must be a number.</translation>
    </message>
    <message>
        <source>No price yet</source>
        <translation>No price yet</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Open price terms</source>
        <translation>Open price terms</translation>
    </message>
    <message>
        <source>Open terms file…</source>
        <translation>Open terms file…</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>Per %1</source>
        <translation>Per %1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Price breakdown</source>
        <translation>Price breakdown</translation>
    </message>
    <message>
        <source>Price terms (*.json)</source>
        <translation>Price terms (*.json)</translation>
    </message>
    <message>
        <source>Price terms, index and expected assay</source>
        <translation>Price terms, index and expected assay</translation>
    </message>
    <message>
        <source>Prices include VAT</source>
        <translation>Prices include VAT</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Quantity: not a number.</source>
        <translation>Quantity: not a number.</translation>
    </message>
    <message>
        <source>Quote %1 — version %2</source>
        <translation>Quote %1 — version %2</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Save as version %1</source>
        <translation>Save as version %1</translation>
    </message>
    <message>
        <source>Terms of version %1</source>
        <translation>Terms of version %1</translation>
    </message>
    <message>
        <source>The expected assay is beyond a reject limit: %1</source>
        <translation>The expected assay is beyond a reject limit: %1</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Tolerance</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>Tolerance ± %</translation>
    </message>
    <message>
        <source>Total %1 %2 for %3 %4</source>
        <translation>Total %1 %2 for %3 %4</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>VAT: not a number.</source>
        <translation>VAT: not a number.</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>What changed in this version</source>
        <translation>What changed in this version</translation>
    </message>
    <message>
        <source>e.g. 90% against documents, balance on final assay</source>
        <translation>e.g. 90% against documents, balance on final assay</translation>
    </message>
    <message>
        <source>e.g. 日照港 Rizhao</source>
        <translation>e.g. 日照港 Rizhao</translation>
    </message>
    <message>
        <source>excl. VAT</source>
        <translation>excl. VAT</translation>
    </message>
    <message>
        <source>incl. VAT</source>
        <translation>incl. VAT</translation>
    </message>
    <message>
        <source>tonnes</source>
        <translation>tonnes</translation>
    </message>
    <message>
        <source>value on the quote date</source>
        <translation>value on the quote date</translation>
    </message>
</context>
<context>
    <name>QuotePdfExport</name>
    <message>
        <source>Export quote %1</source>
        <translation>Export quote %1</translation>
    </message>
    <message>
        <source>No PDF viewer could be started. The file is at %1</source>
        <translation>No PDF viewer could be started. The file is at %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>PDF in Chinese (*.pdf)</source>
        <translation>PDF in Chinese (*.pdf)</translation>
    </message>
    <message>
        <source>PDF in English (*.pdf)</source>
        <translation>PDF in English (*.pdf)</translation>
    </message>
    <message>
        <source>Quote PDF</source>
        <translation>Quote PDF</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>The quote PDF was not made: %1</source>
        <translation>The quote PDF was not made: %1</translation>
    </message>
</context>
<context>
    <name>Quotes</name>
    <message>
        <source>A sent quote is not edited; make a new version instead.</source>
        <translation>A sent quote is not edited; make a new version instead.</translation>
    </message>
    <message>
        <source>A {current} quote cannot become {target}.</source>
        <translation>A {current} quote cannot become {target}.</translation>
    </message>
    <message>
        <source>The quote has expired; make a new version.</source>
        <translation>The quote has expired; make a new version.</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Current owner</source>
        <translation>Current owner</translation>
    </message>
    <message>
        <source>Give a reason; it is kept in the customer&apos;s history.</source>
        <translation>Give a reason; it is kept in the customer&apos;s history.</translation>
    </message>
    <message>
        <source>New owner</source>
        <translation>New owner</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Reassign owner — {name}</source>
        <translation>Reassign owner — {name}</translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>
What it held:%1</source>
        <translation>
What it held:%1</translation>
    </message>
    <message>
        <source>%1 — %2: %3
Reason: %4</source>
        <translation>%1 — %2: %3
Reason: %4</translation>
    </message>
    <message>
        <source>%1 — a new record the server refused.
Reason: %2
It was removed from this computer. Once the reason is dealt with, enter it again.%3</source>
        <translation>%1 — a new record the server refused.
Reason: %2
It was removed from this computer. Once the reason is dealt with, enter it again.%3</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Dismiss</translation>
    </message>
    <message>
        <source>No rejected changes.</source>
        <translation>No rejected changes.</translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation>Rejected changes</translation>
    </message>
    <message>
        <source>The server refused these changes. A refused change to a record: this computer shows the server&apos;s value again. A refused new record: it was removed from this computer; select it to see what it held, to enter it again. Ask your manager if a change should be made.</source>
        <translation>The server refused these changes. A refused change to a record: this computer shows the server&apos;s value again. A refused new record: it was removed from this computer; select it to see what it held, to enter it again. Ask your manager if a change should be made.</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>My value</source>
        <translation>My value</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>ReportChartsView</name>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Claimed %1 %2</source>
        <translation>Claimed %1 %2</translation>
    </message>
    <message>
        <source>How was it resolved? (re-assay result, credit note, …)</source>
        <translation>How was it resolved? (re-assay result, credit note, …)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Nothing was claimed</source>
        <translation>Nothing was claimed</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Resolve ticket</source>
        <translation>Resolve ticket</translation>
    </message>
    <message>
        <source>Settled amount</source>
        <translation>Settled amount</translation>
    </message>
</context>
<context>
    <name>ReturnVisitDialog</name>
    <message>
        <source>1 — Very dissatisfied</source>
        <translation>1 — Very dissatisfied</translation>
    </message>
    <message>
        <source>2 — Dissatisfied</source>
        <translation>2 — Dissatisfied</translation>
    </message>
    <message>
        <source>3 — Neutral</source>
        <translation>3 — Neutral</translation>
    </message>
    <message>
        <source>4 — Satisfied</source>
        <translation>4 — Satisfied</translation>
    </message>
    <message>
        <source>5 — Very satisfied</source>
        <translation>5 — Very satisfied</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Record review decision</source>
        <translation>Record review decision</translation>
    </message>
    <message>
        <source>Required when rejecting: what must change</source>
        <translation>Required when rejecting: what must change</translation>
    </message>
</context>
<context>
    <name>Risk</name>
    <message>
        <source>A closed risk stays closed.</source>
        <translation>A closed risk stays closed.</translation>
    </message>
    <message>
        <source>A contract risk names the contract.</source>
        <translation>A contract risk names the contract.</translation>
    </message>
    <message>
        <source>A customer risk names the customer.</source>
        <translation>A customer risk names the customer.</translation>
    </message>
    <message>
        <source>A risk never moves back from {current} to {target}.</source>
        <translation>A risk never moves back from {current} to {target}.</translation>
    </message>
    <message>
        <source>Cannot start mitigating yet. Missing:</source>
        <translation>Cannot start mitigating yet. Missing:</translation>
    </message>
    <message>
        <source>The contract belongs to another customer.</source>
        <translation>The contract belongs to another customer.</translation>
    </message>
    <message>
        <source>The risk is already {status}.</source>
        <translation>The risk is already {status}.</translation>
    </message>
    <message>
        <source>The risk is {current}; it cannot be {target} yet. Missing:</source>
        <translation>The risk is {current}; it cannot be {target} yet. Missing:</translation>
    </message>
    <message>
        <source>mitigation in progress (say how the risk is handled)</source>
        <translation>mitigation in progress (say how the risk is handled)</translation>
    </message>
    <message>
        <source>the mitigation: what is being done about the risk</source>
        <translation>the mitigation: what is being done about the risk</translation>
    </message>
</context>
<context>
    <name>SalesReportDialog</name>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Make report</source>
        <translation>Make report</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>Sales report</translation>
    </message>
    <message>
        <source>Save the sales report as</source>
        <translation>Save the sales report as</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Company name</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Printed on appraisal sheets and reports</source>
        <translation>Printed on appraisal sheets and reports</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ShipmentDialog</name>
    <message>
        <source>Add shipment (lot)</source>
        <translation>Add shipment (lot)</translation>
    </message>
    <message>
        <source>Assay</source>
        <translation>Assay</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>B/L date</translation>
    </message>
    <message>
        <source>Cannot read “%1”: write analyte=value, separated by commas.</source>
        <translation>Cannot read “%1”: write analyte=value, separated by commas.</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>Discharge port</translation>
    </message>
    <message>
        <source>Load port</source>
        <translation>Load port</translation>
    </message>
    <message>
        <source>Lot no.</source>
        <translation>Lot no.</translation>
    </message>
    <message>
        <source>Moisture H₂O %</source>
        <translation>Moisture H₂O %</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Quantity (%1)</source>
        <translation>Quantity (%1)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>Vessel / vehicle</translation>
    </message>
    <message>
        <source>empty: next in sequence</source>
        <translation>empty: next in sequence</translation>
    </message>
    <message>
        <source>optional, e.g. Fe=61.5, SiO2=4.2, Al2O3=2.3</source>
        <translation>optional, e.g. Fe=61.5, SiO2=4.2, Al2O3=2.3</translation>
    </message>
    <message>
        <source>optional: records the load-port weight certificate</source>
        <translation>optional: records the load-port weight certificate</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Sign contract</source>
        <translation>Sign contract</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Signed on</translation>
    </message>
</context>
<context>
    <name>StageGuides</name>
    <message>
        <source>cannot be read: {error}</source>
        <translation>cannot be read: {error}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>missing or not an object</source>
        <translation>missing or not an object</translation>
    </message>
    <message>
        <source>missing the guide of stage(s): {stages}</source>
        <translation>missing the guide of stage(s): {stages}</translation>
    </message>
    <message>
        <source>missing the {language} guide</source>
        <translation>missing the {language} guide</translation>
    </message>
    <message>
        <source>must be a list of at least one text</source>
        <translation>must be a list of at least one text</translation>
    </message>
    <message>
        <source>must be a non-empty text</source>
        <extracomment>the languages every guide must have, as the file names them</extracomment>
        <translation>must be a non-empty text</translation>
    </message>
    <message>
        <source>must be an object with goal, do and watch</source>
        <translation>must be an object with goal, do and watch</translation>
    </message>
    <message>
        <source>must be an object with zh and en</source>
        <translation>must be an object with zh and en</translation>
    </message>
    <message>
        <source>must be {version}</source>
        <translation>must be {version}</translation>
    </message>
    <message>
        <source>not valid JSON: {error}</source>
        <translation>not valid JSON: {error}</translation>
    </message>
    <message>
        <source>the file must hold one JSON object</source>
        <translation>the file must hold one JSON object</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>unknown field</translation>
    </message>
    <message>
        <source>unknown field (expected goal, do, watch)</source>
        <translation>unknown field (expected goal, do, watch)</translation>
    </message>
    <message>
        <source>unknown language (expected zh and en)</source>
        <translation>unknown language (expected zh and en)</translation>
    </message>
    <message>
        <source>unknown stage (stages are: {stages})</source>
        <translation>unknown stage (stages are: {stages})</translation>
    </message>
    <message>
        <source>written by a newer version of the program; please update</source>
        <translation>written by a newer version of the program; please update</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>An earlier batch of changes from this computer did not reach the sync server; please sync again.</source>
        <translation>An earlier batch of changes from this computer did not reach the sync server; please sync again.</translation>
    </message>
    <message>
        <source>Another sync of this computer started while this one was still sending, so this one stopped. Nothing is lost: changes it did not send go with the next sync.</source>
        <translation>Another sync of this computer started while this one was still sending, so this one stopped. Nothing is lost: changes it did not send go with the next sync.</translation>
    </message>
    <message>
        <source>No database at {path}.</source>
        <translation>No database at {path}.</translation>
    </message>
    <message>
        <source>No password: set {variable} or run in a terminal.</source>
        <translation>No password: set {variable} or run in a terminal.</translation>
    </message>
    <message>
        <source>Password for {user} on {server}: </source>
        <translation>Password for {user} on {server}: </translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation>Please sign in again.</translation>
    </message>
    <message>
        <source>Please update MineSales to sync with this server.</source>
        <translation>Please update MineSales to sync with this server.</translation>
    </message>
    <message>
        <source>Please update MineSales to version {version} to sync with this server.</source>
        <translation>Please update MineSales to version {version} to sync with this server.</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>Sync was cancelled.</translation>
    </message>
    <message>
        <source>The account {login} at {server} is not the account {bound} this database holds: it is another server, or this database was set up apart from it. Nothing was changed; check the server address in the sync settings, or ask IT.</source>
        <translation>The account {login} at {server} is not the account {bound} this database holds: it is another server, or this database was set up apart from it. Nothing was changed; check the server address in the sync settings, or ask IT.</translation>
    </message>
    <message>
        <source>The database on this computer is locked by another program or cannot be written, so the sync stopped. Nothing is lost: sync again once it is free.</source>
        <translation>The database on this computer is locked by another program or cannot be written, so the sync stopped. Nothing is lost: sync again once it is free.</translation>
    </message>
    <message>
        <source>The server at {server} has fewer changes ({head}) than this computer has already received ({cursor}): it is not the server this database syncs with, or it was restored from an older backup. Nothing was changed; please tell IT.</source>
        <translation>The server at {server} has fewer changes ({head}) than this computer has already received ({cursor}): it is not the server this database syncs with, or it was restored from an older backup. Nothing was changed; please tell IT.</translation>
    </message>
    <message>
        <source>The server sent an answer this version of MineSales cannot read: {error}</source>
        <translation>The server sent an answer this version of MineSales cannot read: {error}</translation>
    </message>
    <message>
        <source>The sync answer could not be saved on this computer: {error}</source>
        <translation>The sync answer could not be saved on this computer: {error}</translation>
    </message>
    <message>
        <source>The sync server answered with an error (HTTP {status}).</source>
        <translation>The sync server answered with an error (HTTP {status}).</translation>
    </message>
    <message>
        <source>The sync server at {server} cannot be reached ({error}).</source>
        <translation>The sync server at {server} cannot be reached ({error}).</translation>
    </message>
    <message>
        <source>The sync server at {server} is not available at the moment (HTTP {status}).</source>
        <translation>The sync server at {server} is not available at the moment (HTTP {status}).</translation>
    </message>
    <message>
        <source>The sync server could not read a request from this computer; please tell IT.</source>
        <translation>The sync server could not read a request from this computer; please tell IT.</translation>
    </message>
    <message>
        <source>The sync server is busy at the moment; please try again shortly.</source>
        <translation>The sync server is busy at the moment; please try again shortly.</translation>
    </message>
    <message>
        <source>The sync server refused a batch of changes as too large; please tell IT.</source>
        <translation>The sync server refused a batch of changes as too large; please tell IT.</translation>
    </message>
    <message>
        <source>The sync server reported an error: {message}</source>
        <translation>The sync server reported an error: {message}</translation>
    </message>
    <message>
        <source>The sync server runs an older version of MineSales than this computer; ask IT to update the server.</source>
        <translation>The sync server runs an older version of MineSales than this computer; ask IT to update the server.</translation>
    </message>
    <message>
        <source>This account is disabled; ask your administrator.</source>
        <translation>This account is disabled; ask your administrator.</translation>
    </message>
    <message>
        <source>This database syncs as {bound}, not as {login}. Nothing was changed: sign in as {bound}, or use a database of your own for {login}.</source>
        <translation>This database syncs as {bound}, not as {login}. Nothing was changed: sign in as {bound}, or use a database of your own for {login}.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Your sign-in has expired; please sign in again.</source>
        <translation>Your sign-in has expired; please sign in again.</translation>
    </message>
    <message>
        <source>a contract&apos;s status cannot move backwards ({old} → {new})</source>
        <translation>a contract&apos;s status cannot move backwards ({old} → {new})</translation>
    </message>
    <message>
        <source>a network error</source>
        <translation>a network error</translation>
    </message>
    <message>
        <source>a required value is missing ({detail})</source>
        <translation>a required value is missing ({detail})</translation>
    </message>
    <message>
        <source>a value is longer than its field allows ({detail})</source>
        <translation>a value is longer than its field allows ({detail})</translation>
    </message>
    <message>
        <source>a value is out of range ({detail})</source>
        <translation>a value is out of range ({detail})</translation>
    </message>
    <message>
        <source>another record already has this value ({detail})</source>
        <translation>another record already has this value ({detail})</translation>
    </message>
    <message>
        <source>approving a contract needs the manager role</source>
        <translation>approving a contract needs the manager role</translation>
    </message>
    <message>
        <source>it refers to a record the server does not have ({detail})</source>
        <translation>it refers to a record the server does not have ({detail})</translation>
    </message>
    <message>
        <source>no server with this name was found; check the server address in the sync settings, the network or the VPN</source>
        <translation>no server with this name was found; check the server address in the sync settings, the network or the VPN</translation>
    </message>
    <message>
        <source>only a manager may change this kind of record ({table})</source>
        <translation>only a manager may change this kind of record ({table})</translation>
    </message>
    <message>
        <source>only an administrator may change users and teams</source>
        <translation>only an administrator may change users and teams</translation>
    </message>
    <message>
        <source>outside your rights: the change would move the record out of your view</source>
        <translation>outside your rights: the change would move the record out of your view</translation>
    </message>
    <message>
        <source>outside your rights: you could not see this record</source>
        <translation>outside your rights: you could not see this record</translation>
    </message>
    <message>
        <source>outside your rights: you may not see this record</source>
        <translation>outside your rights: you may not see this record</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>refused by the server</translation>
    </message>
    <message>
        <source>the connection was refused; the server may not be running</source>
        <translation>the connection was refused; the server may not be running</translation>
    </message>
    <message>
        <source>the contract is {status}; its status cannot change</source>
        <translation>the contract is {status}; its status cannot change</translation>
    </message>
    <message>
        <source>the record does not exist on the server</source>
        <translation>the record does not exist on the server</translation>
    </message>
    <message>
        <source>the same change was sent twice</source>
        <translation>the same change was sent twice</translation>
    </message>
    <message>
        <source>the secure connection failed; the server&apos;s certificate may not be trusted</source>
        <translation>the secure connection failed; the server&apos;s certificate may not be trusted</translation>
    </message>
    <message>
        <source>the server could not read the change: {detail}</source>
        <translation>the server could not read the change: {detail}</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>the server did not answer in time</translation>
    </message>
    <message>
        <source>the server does not know this kind of record ({table})</source>
        <translation>the server does not know this kind of record ({table})</translation>
    </message>
    <message>
        <source>the server&apos;s database refused it ({detail})</source>
        <translation>the server&apos;s database refused it ({detail})</translation>
    </message>
    <message>
        <source>the server&apos;s name could not be looked up; check the network connection</source>
        <translation>the server&apos;s name could not be looked up; check the network connection</translation>
    </message>
    <message>
        <source>this computer has no network connection</source>
        <translation>this computer has no network connection</translation>
    </message>
    <message>
        <source>you may not change {field} of another user</source>
        <translation>you may not change {field} of another user</translation>
    </message>
    <message>
        <source>your account is disabled</source>
        <translation>your account is disabled</translation>
    </message>
    <message>
        <source>{server} is not a server address (http://HOST:PORT or https://…).</source>
        <translation>{server} is not a server address (http://HOST:PORT or https://…).</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source> — %1 new in the conflict inbox, %2 rejected: see the Sync menu</source>
        <translation> — %1 new in the conflict inbox, %2 rejected: see the Sync menu</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>%n notice</numerusform>
            <numerusform>%n notices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Conflict inbox…</source>
        <translation>&amp;Conflict inbox…</translation>
    </message>
    <message>
        <source>&amp;Rejected changes…</source>
        <translation>&amp;Rejected changes…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel s&amp;ync</source>
        <translation>Cancel s&amp;ync</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>Not synced: signing in was cancelled</source>
        <translation>Not synced: signing in was cancelled</translation>
    </message>
    <message>
        <source>Nothing was lost; your changes are still here.</source>
        <translation>Nothing was lost; your changes are still here.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>Offline — will retry in %n s</source>
        <translation>
            <numerusform>Offline — will retry in %n s</numerusform>
            <numerusform>Offline — will retry in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline — will retry in about %n min</source>
        <translation>
            <numerusform>Offline — will retry in about %n min</numerusform>
            <numerusform>Offline — will retry in about %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending changes: %1</source>
        <translation>Pending changes: %1</translation>
    </message>
    <message>
        <source>Please update MineSales</source>
        <translation>Please update MineSales</translation>
    </message>
    <message>
        <source>Send your changes and receive others&apos; (Ctrl+Shift+Y)</source>
        <translation>Send your changes and receive others&apos; (Ctrl+Shift+Y)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>Sync cancelled</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received</source>
        <translation>Sync finished: %1 sent, %2 received</translation>
    </message>
    <message>
        <source>Sync not set up</source>
        <translation>Sync not set up</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Sync s&amp;ettings…</source>
        <translation>Sync s&amp;ettings…</translation>
    </message>
    <message>
        <source>Sync stopped because of an unexpected error: %1</source>
        <translation>Sync stopped because of an unexpected error: %1</translation>
    </message>
    <message>
        <source>Syncing: contacting the server…</source>
        <translation>Syncing: contacting the server…</translation>
    </message>
    <message>
        <source>Syncing: finishing…</source>
        <translation>Syncing: finishing…</translation>
    </message>
    <message>
        <source>Syncing: receiving changes (%1)</source>
        <translation>Syncing: receiving changes (%1)</translation>
    </message>
    <message>
        <source>Syncing: sending changes %1 of %2</source>
        <translation>Syncing: sending changes %1 of %2</translation>
    </message>
</context>
<context>
    <name>SyncDialogs</name>
    <message>
        <source>
    %1: %2</source>
        <translation>
    %1: %2</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <source>(access removed)</source>
        <translation>(access removed)</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>(new record)</source>
        <translation>(new record)</translation>
    </message>
    <message>
        <source>(not shown)</source>
        <translation>(not shown)</translation>
    </message>
    <message>
        <source>(whole record)</source>
        <translation>(whole record)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>Action item</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Analyte</source>
        <translation>Analyte</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>Answered at</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <source>Appraisal line</source>
        <translation>Appraisal line</translation>
    </message>
    <message>
        <source>Appraisee</source>
        <translation>Appraisee</translation>
    </message>
    <message>
        <source>Appraiser</source>
        <translation>Appraiser</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>Approved at</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Assay</source>
        <translation>Assay</translation>
    </message>
    <message>
        <source>Assay result</source>
        <translation>Assay result</translation>
    </message>
    <message>
        <source>Assayed on</source>
        <translation>Assayed on</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>B/L date</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Bid deadline</source>
        <translation>Bid deadline</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Certificate date</source>
        <translation>Certificate date</translation>
    </message>
    <message>
        <source>Changed at</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Claimed amount</source>
        <translation>Claimed amount</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Competitor</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>Confirmed at</source>
        <translation>Confirmed at</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>Contract review</source>
        <translation>Contract review</translation>
    </message>
    <message>
        <source>Contract status change</source>
        <translation>Contract status change</translation>
    </message>
    <message>
        <source>Contract type</source>
        <translation>Contract type</translation>
    </message>
    <message>
        <source>Contract value</source>
        <translation>Contract value</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation>Credit days</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <source>Credit profile</source>
        <translation>Credit profile</translation>
    </message>
    <message>
        <source>Credit rating</source>
        <translation>Credit rating</translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation>Credit score</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Data source</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>Deal type</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Decision role</translation>
    </message>
    <message>
        <source>Default price index</source>
        <translation>Default price index</translation>
    </message>
    <message>
        <source>Definition (Chinese)</source>
        <translation>Definition (Chinese)</translation>
    </message>
    <message>
        <source>Definition (English)</source>
        <translation>Definition (English)</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Dimension (Chinese)</source>
        <translation>Dimension (Chinese)</translation>
    </message>
    <message>
        <source>Dimension (English)</source>
        <translation>Dimension (English)</translation>
    </message>
    <message>
        <source>Direct manager</source>
        <translation>Direct manager</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>Discharge port</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>Done at</translation>
    </message>
    <message>
        <source>Dry tonnes (dmt)</source>
        <translation>Dry tonnes (dmt)</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>Estimated value</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>Exam score</translation>
    </message>
    <message>
        <source>Expected assay</source>
        <translation>Expected assay</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Exposure amount</source>
        <translation>Exposure amount</translation>
    </message>
    <message>
        <source>FX rate</source>
        <translation>FX rate</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>From stage</source>
        <translation>From stage</translation>
    </message>
    <message>
        <source>From status</source>
        <translation>From status</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS code</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>Held at</translation>
    </message>
    <message>
        <source>Hired on</source>
        <translation>Hired on</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>Improvement plan</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>In stage since</source>
        <translation>In stage since</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>Incoterm</translation>
    </message>
    <message>
        <source>Index price</source>
        <translation>Index price</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>Invoice no.</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>KPI target</source>
        <translation>KPI target</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>Laboratory</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>Likelihood</translation>
    </message>
    <message>
        <source>Load port</source>
        <translation>Load port</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Lost note</source>
        <translation>Lost note</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Lost reason</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Lot number</translation>
    </message>
    <message>
        <source>Manager comments</source>
        <translation>Manager comments</translation>
    </message>
    <message>
        <source>Manager score</source>
        <translation>Manager score</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Mitigation</source>
        <translation>Mitigation</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Moisture H₂O %</source>
        <translation>Moisture H₂O %</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>Name (Chinese)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Name (English)</translation>
    </message>
    <message>
        <source>Net amount (excl. VAT)</source>
        <translation>Net amount (excl. VAT)</translation>
    </message>
    <message>
        <source>New owner</source>
        <translation>New owner</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>Next action</translation>
    </message>
    <message>
        <source>Next action date</source>
        <translation>Next action date</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Period type</source>
        <translation>Period type</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Port / place</source>
        <translation>Port / place</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Previous owner</source>
        <translation>Previous owner</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Price date</source>
        <translation>Price date</translation>
    </message>
    <message>
        <source>Price index</source>
        <translation>Price index</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>Price terms</translation>
    </message>
    <message>
        <source>Pricing method</source>
        <translation>Pricing method</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>Primary contact</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>Provisional invoice %</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <source>Quality spec</source>
        <translation>Quality spec</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Quantity (wmt)</source>
        <translation>Quantity (wmt)</translation>
    </message>
    <message>
        <source>Quantity unit</source>
        <translation>Quantity unit</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Quote number</source>
        <translation>Quote number</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Reassignment</source>
        <translation>Reassignment</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Reject above</source>
        <translation>Reject above</translation>
    </message>
    <message>
        <source>Reject below</source>
        <translation>Reject below</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>Resolved at</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>Review on</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>Reviewed on</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA due</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Score snapshot</source>
        <translation>Score snapshot</translation>
    </message>
    <message>
        <source>Scoring parameters</source>
        <translation>Scoring parameters</translation>
    </message>
    <message>
        <source>Scoring rule</source>
        <translation>Scoring rule</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>Self score</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>Service ticket</source>
        <translation>Service ticket</translation>
    </message>
    <message>
        <source>Settled amount</source>
        <translation>Settled amount</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Shipment</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation>Stage change</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Termination reason</source>
        <translation>Termination reason</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Territory</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <source>Ticket status change</source>
        <translation>Ticket status change</translation>
    </message>
    <message>
        <source>Ticket type</source>
        <translation>Ticket type</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>To stage</source>
        <translation>To stage</translation>
    </message>
    <message>
        <source>To status</source>
        <translation>To status</translation>
    </message>
    <message>
        <source>Tolerance option</source>
        <translation>Tolerance option</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>Tolerance ± %</translation>
    </message>
    <message>
        <source>Total (incl. VAT)</source>
        <translation>Total (incl. VAT)</translation>
    </message>
    <message>
        <source>Total amount</source>
        <translation>Total amount</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>Total score</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Training attendance</source>
        <translation>Training attendance</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Typical</source>
        <translation>Typical</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>VAT amount</source>
        <translation>VAT amount</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>VAT included</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>Vessel / vehicle</translation>
    </message>
    <message>
        <source>Visited at</source>
        <translation>Visited at</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Weight certificate</source>
        <translation>Weight certificate</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>Weighted score</translation>
    </message>
    <message>
        <source>Wet tonnes (wmt)</source>
        <translation>Wet tonnes (wmt)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>With</source>
        <translation>With</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>another user</translation>
    </message>
    <message>
        <source>it refers to a record that is not on this computer</source>
        <translation>it refers to a record that is not on this computer</translation>
    </message>
    <message>
        <source>it refers to a record the server does not have</source>
        <translation>it refers to a record the server does not have</translation>
    </message>
    <message>
        <source>{field} has a value the server does not accept</source>
        <translation>{field} has a value the server does not accept</translation>
    </message>
    <message>
        <source>{field} has a value this computer does not accept</source>
        <translation>{field} has a value this computer does not accept</translation>
    </message>
    <message>
        <source>{field} is already used by another record</source>
        <translation>{field} is already used by another record</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <source>{field} is required but has no value</source>
        <translation>{field} is required but has no value</translation>
    </message>
    <message>
        <source>{field} is the same as a record already on this computer</source>
        <translation>{field} is the same as a record already on this computer</translation>
    </message>
    <message>
        <source>{field} refers to a record that is not on this computer</source>
        <translation>{field} refers to a record that is not on this computer</translation>
    </message>
    <message>
        <source>{field} refers to a record the server does not have</source>
        <translation>{field} refers to a record the server does not have</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Enter the server address, starting with https:// or http://.</source>
        <translation>Enter the server address, starting with https:// or http://.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or IP address after %1, e.g. %1sync.example.com.</source>
        <translation>Enter the server&apos;s name or IP address after %1, e.g. %1sync.example.com.</translation>
    </message>
    <message>
        <source>Enter your user name on the sync server.</source>
        <translation>Enter your user name on the sync server.</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the server address: enter the user name below; the password is asked when you sync.</source>
        <translation>Leave the user name and password out of the server address: enter the user name below; the password is asked when you sync.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>Sync settings</translation>
    </message>
    <message>
        <source>The password is asked when you sync and is never saved to disk; you may keep it in memory until you close MineSales.</source>
        <translation>The password is asked when you sync and is never saved to disk; you may keep it in memory until you close MineSales.</translation>
    </message>
    <message>
        <source>The port (the number after the colon) must be from 1 to 65535.</source>
        <translation>The port (the number after the colon) must be from 1 to 65535.</translation>
    </message>
    <message>
        <source>The server address cannot contain spaces: check what was typed or pasted.</source>
        <translation>The server address cannot contain spaces: check what was typed or pasted.</translation>
    </message>
    <message>
        <source>The server address cannot contain “?” or “#”.</source>
        <translation>The server address cannot contain “?” or “#”.</translation>
    </message>
    <message>
        <source>The server address must start with https:// or http://.</source>
        <translation>The server address must start with https:// or http://.</translation>
    </message>
    <message>
        <source>This database syncs as %1. A sync as %2 will be refused and nothing on this computer changes: sign in as %1, or use a database of your own for %2.</source>
        <translation>This database syncs as %1. A sync as %2 will be refused and nothing on this computer changes: sign in as %1, or use a database of your own for %2.</translation>
    </message>
    <message>
        <source>This database syncs with %1. If %2 is the same server at a new address, that is fine. If it is a different server, the sync will be refused and nothing on this computer changes: to sync with another server, start a new database (File → New database…).</source>
        <translation>This database syncs with %1. If %2 is the same server at a new address, that is fine. If it is a different server, the sync will be refused and nothing on this computer changes: to sync with another server, start a new database (File → New database…).</translation>
    </message>
    <message>
        <source>Type the server address with half-width punctuation (: / .), not full-width (： ／ 。).</source>
        <translation>Type the server address with half-width punctuation (: / .), not full-width (： ／ 。).</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>e.g. https://sync.example.com:8765</source>
        <translation>e.g. https://sync.example.com:8765</translation>
    </message>
    <message>
        <source>“%1” is not a server name: use letters, digits, hyphens, underscores and dots only.</source>
        <translation>“%1” is not a server name: use letters, digits, hyphens, underscores and dots only.</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>A finished action item cannot be changed.</source>
        <translation>A finished action item cannot be changed.</translation>
    </message>
    <message>
        <source>A one-to-one is with someone else than its organiser.</source>
        <translation>A one-to-one is with someone else than its organiser.</translation>
    </message>
    <message>
        <source>A one-to-one needs the person it is with.</source>
        <translation>A one-to-one needs the person it is with.</translation>
    </message>
    <message>
        <source>A team meeting needs the team.</source>
        <translation>A team meeting needs the team.</translation>
    </message>
    <message>
        <source>An action item cannot be moved to another meeting.</source>
        <translation>An action item cannot be moved to another meeting.</translation>
    </message>
    <message>
        <source>An attendance record cannot be moved to another person or training.</source>
        <translation>An attendance record cannot be moved to another person or training.</translation>
    </message>
    <message>
        <source>At most the training&apos;s {hours} h.</source>
        <translation>At most the training&apos;s {hours} h.</translation>
    </message>
    <message>
        <source>Someone absent has no training hours.</source>
        <translation>Someone absent has no training hours.</translation>
    </message>
    <message>
        <source>Someone is already credited with {hours} h of this training.</source>
        <translation>Someone is already credited with {hours} h of this training.</translation>
    </message>
    <message>
        <source>The due date is before the meeting.</source>
        <translation>The due date is before the meeting.</translation>
    </message>
    <message>
        <source>The meeting has {n} open action item(s).</source>
        <translation>The meeting has {n} open action item(s).</translation>
    </message>
    <message>
        <source>This action item is already {status}.</source>
        <translation>This action item is already {status}.</translation>
    </message>
    <message>
        <source>This person&apos;s attendance is already recorded.</source>
        <translation>This person&apos;s attendance is already recorded.</translation>
    </message>
    <message>
        <source>{n} attendance record(s) refer to this training.</source>
        <translation>{n} attendance record(s) refer to this training.</translation>
    </message>
</context>
<context>
    <name>TeamTab</name>
    <message numerus="yes">
        <source>%n new suggestion(s)</source>
        <translation>
            <numerusform>%n new suggestion</numerusform>
            <numerusform>%n new suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open action item(s)</source>
        <translation>
            <numerusform>%n open action item</numerusform>
            <numerusform>%n open action items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Suggestion box</source>
        <translation>Suggestion box</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Terminate contract</source>
        <translation>Terminate contract</translation>
    </message>
</context>
<context>
    <name>TicketCreateDialog</name>
    <message>
        <source>%1 found</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>%1 found; the first %2 are listed — type more to narrow</source>
        <translation>%1 found; the first %2 are listed — type more to narrow</translation>
    </message>
    <message>
        <source>%1 wmt</source>
        <translation>%1 wmt</translation>
    </message>
    <message>
        <source>(no particular contract)</source>
        <translation>(no particular contract)</translation>
    </message>
    <message>
        <source>(the whole contract)</source>
        <translation>(the whole contract)</translation>
    </message>
    <message>
        <source>Claimed amount</source>
        <translation>Claimed amount</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone — then pick below</source>
        <translation>Name, pinyin initials, code, USCC or phone — then pick below</translation>
    </message>
    <message>
        <source>New service ticket</source>
        <translation>New service ticket</translation>
    </message>
    <message>
        <source>No customer matches</source>
        <translation>No customer matches</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Resolve within %1 h of receipt (%2 days)</source>
        <translation>Resolve within %1 h of receipt (%2 days)</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>Tickets</name>
    <message>
        <source>A closed ticket cannot be changed.</source>
        <translation>A closed ticket cannot be changed.</translation>
    </message>
    <message>
        <source>A resolution saying how the ticket was resolved.</source>
        <translation>A resolution saying how the ticket was resolved.</translation>
    </message>
    <message>
        <source>A return visit with the customer&apos;s satisfaction (1–5).</source>
        <translation>A return visit with the customer&apos;s satisfaction (1–5).</translation>
    </message>
    <message>
        <source>A ticket cannot be moved to another customer.</source>
        <translation>A ticket cannot be moved to another customer.</translation>
    </message>
    <message>
        <source>A ticket needs a customer, a contract or a lot to start from.</source>
        <extracomment>whether the signed-in user may move this ticket (the screen disables the actions if not)</extracomment>
        <translation>A ticket needs a customer, a contract or a lot to start from.</translation>
    </message>
    <message>
        <source>A ticket that is {status} can no longer be reassigned.</source>
        <translation>A ticket that is {status} can no longer be reassigned.</translation>
    </message>
    <message>
        <source>Already settled at {settled}; the claim cannot be less.</source>
        <translation>Already settled at {settled}; the claim cannot be less.</translation>
    </message>
    <message>
        <source>An assignee (assign the ticket to someone).</source>
        <translation>An assignee (assign the ticket to someone).</translation>
    </message>
    <message>
        <source>Assign the ticket to an active after-sales, sales rep or manager user.</source>
        <translation>Assign the ticket to an active after-sales, sales rep or manager user.</translation>
    </message>
    <message>
        <source>Only a ticket nobody has worked on can be deleted; this one is {status}.</source>
        <translation>Only a ticket nobody has worked on can be deleted; this one is {status}.</translation>
    </message>
    <message>
        <source>Reassigned from {old} to {new}.</source>
        <translation>Reassigned from {old} to {new}.</translation>
    </message>
    <message>
        <source>Satisfaction is a whole number from 1 to 5.</source>
        <translation>Satisfaction is a whole number from 1 to 5.</translation>
    </message>
    <message>
        <source>Satisfaction {score}/5.</source>
        <translation>Satisfaction {score}/5.</translation>
    </message>
    <message>
        <source>The SLA due time must be after the ticket was received.</source>
        <translation>The SLA due time must be after the ticket was received.</translation>
    </message>
    <message>
        <source>The contract belongs to another customer.</source>
        <translation>The contract belongs to another customer.</translation>
    </message>
    <message>
        <source>The lot was shipped to another customer.</source>
        <translation>The lot was shipped to another customer.</translation>
    </message>
    <message>
        <source>The lot was shipped under another contract.</source>
        <translation>The lot was shipped under another contract.</translation>
    </message>
    <message>
        <source>The return visit is before the resolution.</source>
        <translation>The return visit is before the resolution.</translation>
    </message>
    <message>
        <source>The settled amount cannot exceed the claimed amount ({claimed}).</source>
        <translation>The settled amount cannot exceed the claimed amount ({claimed}).</translation>
    </message>
    <message>
        <source>Ticket {no} cannot be reassigned. Missing:</source>
        <translation>Ticket {no} cannot be reassigned. Missing:</translation>
    </message>
    <message>
        <source>Ticket {no} cannot move from {current} to {target}. Missing:</source>
        <translation>Ticket {no} cannot move from {current} to {target}. Missing:</translation>
    </message>
    <message>
        <source>Ticket {no} is {current}; it cannot move to {target}.</source>
        <translation>Ticket {no} is {current}; it cannot move to {target}.</translation>
    </message>
    <message>
        <source>Work started on the ticket (status In progress).</source>
        <translation>Work started on the ticket (status In progress).</translation>
    </message>
</context>
<context>
    <name>TicketsTab</name>
    <message>
        <source>%1 (handed over)</source>
        <translation>%1 (handed over)</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n open ticket</numerusform>
            <numerusform>%n open tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) listed</source>
        <translation>
            <numerusform>%n ticket listed</numerusform>
            <numerusform>%n tickets listed</numerusform>
        </translation>
    </message>
    <message>
        <source>(not assigned)</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <source>All but closed</source>
        <translation>All but closed</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <source>Assign the ticket to someone, or hand it over</source>
        <translation>Assign the ticket to someone, or hand it over</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>Close the ticket after its return visit</source>
        <translation>Close the ticket after its return visit</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>Close ticket</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Due in %1 d %2 h</source>
        <translation>Due in %1 d %2 h</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Mark the assigned ticket as in progress</source>
        <translation>Mark the assigned ticket as in progress</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Mine: %1</source>
        <translation>Mine: %1</translation>
    </message>
    <message>
        <source>New ticket…</source>
        <translation>New ticket…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Only unresolved tickets past their SLA due time</source>
        <translation>Only unresolved tickets past their SLA due time</translation>
    </message>
    <message>
        <source>Open a ticket for a customer, optionally a contract and a lot</source>
        <translation>Open a ticket for a customer, optionally a contract and a lot</translation>
    </message>
    <message>
        <source>Overdue by %1 d %2 h</source>
        <translation>Overdue by %1 d %2 h</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Record how the ticket was resolved and the amount settled</source>
        <translation>Record how the ticket was resolved and the amount settled</translation>
    </message>
    <message>
        <source>Record the call-back: the customer&apos;s satisfaction 1–5</source>
        <translation>Record the call-back: the customer&apos;s satisfaction 1–5</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Return visits</source>
        <translation>Return visits</translation>
    </message>
    <message>
        <source>Return visit…</source>
        <translation>Return visit…</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA due</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Select a ticket to see its details, history and return visits.</source>
        <translation>Select a ticket to see its details, history and return visits.</translation>
    </message>
    <message>
        <source>Service tickets</source>
        <translation>Service tickets</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Settled</translation>
    </message>
    <message>
        <source>Show tickets in this status</source>
        <translation>Show tickets in this status</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Start work</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>The SLA measures resolution; this ticket is %1.</source>
        <translation>The SLA measures resolution; this ticket is %1.</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <source>Tickets assigned to me or of customers I am responsible for</source>
        <translation>Tickets assigned to me or of customers I am responsible for</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>You can view this ticket but not work on it.</source>
        <translation>You can view this ticket but not work on it.</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>overdue — %1</source>
        <translation>overdue — %1</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Edit training</source>
        <translation>Edit training</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Internal / external</source>
        <translation>Internal / external</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>New training</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Trainer or institution</source>
        <translation>Trainer or institution</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n training</numerusform>
            <numerusform>%n trainings</numerusform>
        </translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Attended hours in %1 Q%2 (%3 – %4) and in %1.</source>
        <translation>Attended hours in %1 Q%2 (%3 – %4) and in %1.</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>Avg. score</source>
        <translation>Avg. score</translation>
    </message>
    <message>
        <source>Change the selected training</source>
        <translation>Change the selected training</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Edit training…</source>
        <translation>Edit training…</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>Exam score</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Internal and external</source>
        <translation>Internal and external</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>New training…</source>
        <translation>New training…</translation>
    </message>
    <message>
        <source>Only the organiser or their manager can change this training.</source>
        <translation>Only the organiser or their manager can change this training.</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record attendance.</source>
        <translation>Only the organiser, a manager or the attendee can record attendance.</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>Organiser: %1</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Record a training: an internal course, or an external one you attended</source>
        <translation>Record a training: an internal course, or an external one you attended</translation>
    </message>
    <message>
        <source>Record attendance…</source>
        <translation>Record attendance…</translation>
    </message>
    <message>
        <source>Record who attended, their hours and exam scores</source>
        <translation>Record who attended, their hours and exam scores</translation>
    </message>
    <message>
        <source>Select a training first.</source>
        <translation>Select a training first.</translation>
    </message>
    <message>
        <source>Select a training to see who attended.</source>
        <translation>Select a training to see who attended.</translation>
    </message>
    <message>
        <source>This quarter (h)</source>
        <translation>This quarter (h)</translation>
    </message>
    <message>
        <source>This year (h)</source>
        <translation>This year (h)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Training hours (feed the TRAINING_HOURS KPI)</source>
        <translation>Training hours (feed the TRAINING_HOURS KPI)</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>2–64 lower-case letters, digits or . _ -, starting with a letter.</source>
        <translation>2–64 lower-case letters, digits or . _ -, starting with a letter.</translation>
    </message>
    <message>
        <source>A USCC has 18 characters; this one has {n}.</source>
        <translation>A USCC has 18 characters; this one has {n}.</translation>
    </message>
    <message>
        <source>A USCC may not contain {chars} (letters I, O, Z, S, V are never used).</source>
        <translation>A USCC may not contain {chars} (letters I, O, Z, S, V are never used).</translation>
    </message>
    <message>
        <source>A contact cannot be moved to another customer.</source>
        <translation>A contact cannot be moved to another customer.</translation>
    </message>
    <message>
        <source>A new quote cannot already be expired.</source>
        <translation>A new quote cannot already be expired.</translation>
    </message>
    <message>
        <source>A phone number may only contain digits, spaces, + - ( ).</source>
        <translation>A phone number may only contain digits, spaces, + - ( ).</translation>
    </message>
    <message>
        <source>A quote cannot be moved to another index.</source>
        <translation>A quote cannot be moved to another index.</translation>
    </message>
    <message>
        <source>A specification cannot be moved to another product.</source>
        <translation>A specification cannot be moved to another product.</translation>
    </message>
    <message>
        <source>Already used by another record: {value}</source>
        <translation>Already used by another record: {value}</translation>
    </message>
    <message>
        <source>An HS code is 4 to 10 digits, e.g. 2601.11 or 26011100.</source>
        <translation>An HS code is 4 to 10 digits, e.g. 2601.11 or 26011100.</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>At most {n} characters.</translation>
    </message>
    <message>
        <source>At most {n} decimal places.</source>
        <translation>At most {n} decimal places.</translation>
    </message>
    <message>
        <source>Give both latitude and longitude.</source>
        <translation>Give both latitude and longitude.</translation>
    </message>
    <message>
        <source>Letters, digits and - _ . / only, starting with a letter or digit.</source>
        <extracomment>The columns the search keys are computed from (besides the customer&apos;s own id): a change of any of them must be followed by ``refresh_customer_search_keys`` of the customers concerned.</extracomment>
        <translation>Letters, digits and - _ . / only, starting with a letter or digit.</translation>
    </message>
    <message>
        <source>May not be negative.</source>
        <translation>May not be negative.</translation>
    </message>
    <message>
        <source>Must be a number.</source>
        <translation>Must be a number.</translation>
    </message>
    <message>
        <source>Must be a whole number.</source>
        <translation>Must be a whole number.</translation>
    </message>
    <message>
        <source>Must be between {low} and {high}.</source>
        <translation>Must be between {low} and {high}.</translation>
    </message>
    <message>
        <source>Must be greater than zero.</source>
        <translation>Must be greater than zero.</translation>
    </message>
    <message>
        <source>Must be one of: {choices}.</source>
        <translation>Must be one of: {choices}.</translation>
    </message>
    <message>
        <source>Must be yes or no.</source>
        <translation>Must be yes or no.</translation>
    </message>
    <message>
        <source>No such KPI.</source>
        <translation>No such KPI.</translation>
    </message>
    <message>
        <source>No such active user.</source>
        <translation>No such active user.</translation>
    </message>
    <message>
        <source>No such contract.</source>
        <translation>No such contract.</translation>
    </message>
    <message>
        <source>No such customer.</source>
        <translation>No such customer.</translation>
    </message>
    <message>
        <source>No such invoice.</source>
        <translation>No such invoice.</translation>
    </message>
    <message>
        <source>No such meeting.</source>
        <translation>No such meeting.</translation>
    </message>
    <message>
        <source>No such opportunity.</source>
        <translation>No such opportunity.</translation>
    </message>
    <message>
        <source>No such price index.</source>
        <translation>No such price index.</translation>
    </message>
    <message>
        <source>No such product.</source>
        <translation>No such product.</translation>
    </message>
    <message>
        <source>No such quote.</source>
        <translation>No such quote.</translation>
    </message>
    <message>
        <source>No such shipment.</source>
        <translation>No such shipment.</translation>
    </message>
    <message>
        <source>No such team.</source>
        <translation>No such team.</translation>
    </message>
    <message>
        <source>No such training.</source>
        <translation>No such training.</translation>
    </message>
    <message>
        <source>Nobody is their own manager.</source>
        <translation>Nobody is their own manager.</translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD).</source>
        <translation>Not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Not a date and time (YYYY-MM-DD HH:MM).</source>
        <translation>Not a date and time (YYYY-MM-DD HH:MM).</translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation>Not a valid e-mail address.</translation>
    </message>
    <message>
        <source>Not a valid phone number: use a mobile (13800138000), a landline with area code (0472-1234567) or an international number (+61 8 9123 4567).</source>
        <translation>Not a valid phone number: use a mobile (13800138000), a landline with area code (0472-1234567) or an international number (+61 8 9123 4567).</translation>
    </message>
    <message>
        <source>Reps and service staff belong to a team.</source>
        <translation>Reps and service staff belong to a team.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>Say what the next action is.</source>
        <translation>Say what the next action is.</translation>
    </message>
    <message>
        <source>The check digit is wrong: the last character should be {expected}.</source>
        <translation>The check digit is wrong: the last character should be {expected}.</translation>
    </message>
    <message>
        <source>The contact does not belong to this customer.</source>
        <translation>The contact does not belong to this customer.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <source>The manager must be a manager.</source>
        <translation>The manager must be a manager.</translation>
    </message>
    <message>
        <source>The next action cannot be before the activity.</source>
        <translation>The next action cannot be before the activity.</translation>
    </message>
</context>
<context>
    <name>WeekPlanView</name>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Next week</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Rep</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>{open} open · {done} done</source>
        <translation>{open} open · {done} done</translation>
    </message>
    <message>
        <source>{start} – {end} · week {week}</source>
        <translation>{start} – {end} · week {week}</translation>
    </message>
</context>
<context>
    <name>_PrintSetupDialog</name>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 is a folder; give a file name.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Chinese (中文)</source>
        <translation>Chinese (中文)</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>Choose where to save the PDF.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>_SyncListDialog</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
</TS>
