<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionItemDialog</name>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>New action item</source>
        <translation>新建行动项</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Accept or decline.</source>
        <translation>请选择采纳或不采纳。</translation>
    </message>
    <message>
        <source>Answer suggestion</source>
        <translation>答复建议</translation>
    </message>
    <message>
        <source>Answer to the author</source>
        <translation>给提出人的答复</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>What will be done, or why not</source>
        <translation>将采取什么措施，或不采纳的原因</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong; the details are in the log file.</source>
        <translation>出错了，详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>AppraisalDialog</name>
    <message>
        <source> (frozen)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Appraisee: %1 · Employee no.: %2 · Team: %3 · Period: %4</source>
        <translation>被考核人：%1 · 工号：%2 · 团队：%3 · 考核期：%4</translation>
    </message>
    <message>
        <source>Appraiser: %1 · Status: %2%3 · Total: %4 · Grade: %5</source>
        <translation>考核人：%1 · 状态：%2%3 · 合计：%4 · 等级：%5</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Confirm and freeze</source>
        <translation>确认并锁定</translation>
    </message>
    <message>
        <source>Confirm this appraisal? Its figures, scores and grade are then frozen and can no longer be changed.</source>
        <translation>确认此绩效考核？确认后其数据、得分和等级将被锁定，不能再修改。</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>考核维度</translation>
    </message>
    <message>
        <source>Finish review</source>
        <translation>完成评分</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Manager comments</source>
        <translation>上级评语</translation>
    </message>
    <message>
        <source>Manager score</source>
        <translation>上级评分</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Return to rep</source>
        <translation>退回本人</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>自评</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>自我评价</translation>
    </message>
    <message>
        <source>Submit to manager</source>
        <translation>提交上级</translation>
    </message>
    <message>
        <source>System score</source>
        <translation>系统评分</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权得分</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve contract</source>
        <translation>审批合同</translation>
    </message>
    <message>
        <source>Credit check (%1)</source>
        <translation>信用检查（%1）</translation>
    </message>
    <message>
        <source>Credit check: %1 Approving needs an override reason.</source>
        <translation>信用检查：%1 批准需填写超限理由。</translation>
    </message>
    <message>
        <source>Credit check: the customer has no credit profile. Approving needs an override reason.</source>
        <translation>信用检查：该客户没有信用档案。批准需填写超限理由。</translation>
    </message>
    <message>
        <source>Exposure %1 against a credit limit of %2</source>
        <translation>信用敞口 %1，信用额度 %2</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open receivables %1 + open contracts %2 + this contract %3</source>
        <translation>未收应收账款 %1 + 未完成合同 %2 + 本合同 %3</translation>
    </message>
    <message>
        <source>Over the limit by %1 %2: approving needs an override reason.</source>
        <translation>超出额度 %1 %2：批准需填写超限理由。</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>超限理由</translation>
    </message>
    <message>
        <source>Required: say why the credit check is overridden.</source>
        <translation>必填：请说明为何越过信用检查。</translation>
    </message>
    <message>
        <source>Why approve although the credit check fails</source>
        <translation>信用检查未通过仍予批准的理由</translation>
    </message>
    <message>
        <source>Within the limit.</source>
        <translation>在额度之内。</translation>
    </message>
</context>
<context>
    <name>AssayModel</name>
    <message>
        <source>Analyte</source>
        <extracomment>the template a new quote of a product category starts from</extracomment>
        <translation>化验项目</translation>
    </message>
    <message>
        <source>Assay %1: &apos;%2&apos; is not a number</source>
        <translation>化验 %1：“%2”不是数字</translation>
    </message>
    <message>
        <source>Assay row %1: which analyte?</source>
        <translation>化验第 %1 行：是哪个化验项目？</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign ticket</source>
        <translation>分派工单</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reassign ticket</source>
        <translation>改派工单</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the rows marked in red.</source>
        <translation>未保存任何内容：请更正标红的行。</translation>
    </message>
    <message>
        <source>Record attendance</source>
        <translation>记录出勤</translation>
    </message>
    <message>
        <source>Tick who attended. Leave the hours blank to credit the whole training (at most %1 h); exam scores are 0–100.</source>
        <translation>勾选出勤人员。学时留空则按整个培训计（最多 %1 小时）；考试成绩为 0–100。</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>考试成绩</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record this.</source>
        <translation>只有组织者、经理或参加者本人可以记录。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>changed — not saved yet</source>
        <translation>已修改 — 尚未保存</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>At least {n} characters.</source>
        <translation>至少 {n} 个字符。</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>没有这个用户。</translation>
    </message>
    <message>
        <source>Only an administrator can set another user&apos;s password.</source>
        <translation>只有管理员可以设置其他用户的密码。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
</context>
<context>
    <name>BatchRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
</context>
<context>
    <name>BatchSheetsDialog</name>
    <message>
        <source>%1 is a file; choose a folder for one PDF per person.</source>
        <translation>%1 是文件；每人一个 PDF 时请选择文件夹。</translation>
    </message>
    <message>
        <source>Batch appraisal sheets</source>
        <translation>批量打印考核表</translation>
    </message>
    <message>
        <source>Choose a folder for the PDFs.</source>
        <translation>请选择保存 PDF 的文件夹。</translation>
    </message>
    <message>
        <source>Everyone I may see (%1 people)</source>
        <translation>我可查看的所有人（%1 人）</translation>
    </message>
    <message>
        <source>Folder for the appraisal sheets</source>
        <translation>考核表保存文件夹</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>One PDF per person, in a folder</source>
        <translation>每人一个 PDF，存入文件夹</translation>
    </message>
    <message>
        <source>One combined PDF</source>
        <translation>合并为一个 PDF</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核期</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save the appraisal sheets as</source>
        <translation>考核表另存为</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Sheets of</source>
        <translation>打印对象</translation>
    </message>
    <message>
        <source>Whole team: %1</source>
        <translation>整个团队：%1</translation>
    </message>
</context>
<context>
    <name>BoardColumnWidget</name>
    <message>
        <source>+ %1 more — show in list</source>
        <translation>另有 %1 个 — 在列表中查看</translation>
    </message>
    <message>
        <source>Estimated value %1
Weighted by probability %2</source>
        <translation>预计金额 %1
按赢单概率加权 %2</translation>
    </message>
    <message>
        <source>Value %1</source>
        <translation>金额 %1</translation>
    </message>
    <message>
        <source>Weighted %1</source>
        <translation>加权 %1</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message numerus="yes">
        <source>%n d</source>
        <comment>days in stage</comment>
        <extracomment>a quiet colour per stage for the column&apos;s top edge; won green, lost grey</extracomment>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>(no product)</source>
        <translation>（未选产品）</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>A price stays on its day: delete it and enter the other day&apos;s price.</source>
        <translation>价格不能改到其他日期：请删除此价格，再录入另一天的价格。</translation>
    </message>
    <message>
        <source>Line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <source>Mark it inactive instead.</source>
        <translation>请改为设为停用。</translation>
    </message>
    <message>
        <source>No such price index: {code}</source>
        <translation>没有这个价格指数：{code}</translation>
    </message>
    <message>
        <source>The file contains no quotes.</source>
        <translation>文件中没有任何报价。</translation>
    </message>
    <message>
        <source>The maximum is below the minimum.</source>
        <translation>最大值低于最小值。</translation>
    </message>
    <message>
        <source>The reject limit must be at or above the maximum ({value}).</source>
        <translation>拒收限值必须不低于最大值（{value}）。</translation>
    </message>
    <message>
        <source>The reject limit must be at or below the minimum ({value}).</source>
        <translation>拒收限值必须不高于最小值（{value}）。</translation>
    </message>
    <message>
        <source>The typical value is above the maximum.</source>
        <translation>典型值高于最大值。</translation>
    </message>
    <message>
        <source>The typical value is below the minimum.</source>
        <translation>典型值低于最小值。</translation>
    </message>
    <message>
        <source>The upper reject limit must be above the lower one.</source>
        <translation>拒收上限必须高于拒收下限。</translation>
    </message>
    <message>
        <source>This index already has a price on {date}.</source>
        <translation>该指数在 {date} 已有价格。</translation>
    </message>
    <message>
        <source>This product already has a specification for {analyte}.</source>
        <translation>该产品已有 {analyte} 的质量指标。</translation>
    </message>
    <message>
        <source>expected two fields, date and price; found {n}</source>
        <translation>应为日期和价格两个字段，实际为 {n} 个</translation>
    </message>
    <message>
        <source>the date {text!r} is not YYYY-MM-DD</source>
        <translation>日期 {text!r} 不是 YYYY-MM-DD 格式</translation>
    </message>
    <message>
        <source>the price has more than 4 decimal places</source>
        <translation>价格的小数超过 4 位</translation>
    </message>
    <message>
        <source>the price must be greater than zero</source>
        <translation>价格必须大于零</translation>
    </message>
    <message>
        <source>the price {text!r} is not a number</source>
        <translation>价格 {text!r} 不是数字</translation>
    </message>
    <message>
        <source>{date} already appears on line {n}</source>
        <translation>{date} 已在第 {n} 行出现</translation>
    </message>
    <message>
        <source>{n} contract(s) sell this product.</source>
        <translation>有 {n} 份合同销售该产品。</translation>
    </message>
    <message>
        <source>{n} opportunity(ies) are for this product.</source>
        <translation>有 {n} 个商机涉及该产品。</translation>
    </message>
    <message>
        <source>{n} product(s) are priced against this index.</source>
        <translation>有 {n} 个产品按该指数计价。</translation>
    </message>
    <message>
        <source>{n} quote(s) price this product.</source>
        <translation>有 {n} 份报价单报了该产品。</translation>
    </message>
    <message>
        <source>… and {n} more bad line(s).</source>
        <translation>… 另有 {n} 行有误。</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Completion (% of target)</source>
        <translation>完成率（占目标 %）</translation>
    </message>
    <message>
        <source>No KPIs are defined.</source>
        <translation>尚未设置考核指标。</translation>
    </message>
    <message>
        <source>Nobody in the team yet.</source>
        <translation>团队中还没有成员。</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>总分</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete contract</source>
        <translation>完成合同</translation>
    </message>
    <message>
        <source>Only needed when less than the minimum was shipped</source>
        <translation>仅在发运量低于最小量时需要填写</translation>
    </message>
    <message>
        <source>Reason to close short</source>
        <translation>短装结案理由</translation>
    </message>
</context>
<context>
    <name>ConflictInboxDialog</name>
    <message>
        <source>%1
You deleted this record (%2), but %3 changed it while you were apart (%4), so the server kept it, with their change.
Delete anyway: it is deleted here and for everyone at the next sync. Keep the record: it stays as it is now.</source>
        <translation>%1
你删除了这条记录（%2），但%3在离线期间修改了它（%4），因此服务器保留了这条记录及其修改。
仍然删除：在本机删除，并在下次同步时对所有人删除。保留该记录：记录保持现状。</translation>
    </message>
    <message>
        <source>%1 — %2
Mine: %3
Theirs (%4, %5): %6
The server kept theirs. Keep mine puts yours back (it is sent at the next sync).</source>
        <translation>%1 — %2
本地：%3
服务器（%4，%5）：%6
服务器保留了对方的值。选择“保留本地”会恢复你的值（将在下次同步时发送）。</translation>
    </message>
    <message>
        <source>%1 — %2
This change by %4 (%5) could not be applied here: it clashes with data on this computer (%3), most often a change of yours not yet sent. Once the server has decided about yours, the next sync asks it for this record once more; if it clashes again, it stays here for you to check.
Theirs: %6</source>
        <translation>%1 — %2
%4（%5）的这项修改无法在本机应用：它与本机上的数据冲突（%3），通常是你尚未同步的修改。待服务器处理完你的修改后，下次同步会再向服务器获取一次这条记录；如仍冲突，它会留在这里供你核对。
服务器：%6</translation>
    </message>
    <message>
        <source>%1 — %2
You made it as %3; %4 made that version first (%5), so the server numbered yours %6. Tell the customer if they have the old number.</source>
        <translation>%1 — %2
你制作时的编号为 %3；%4先制作了该版本（%5），因此服务器将你的报价顺延编号为 %6。如客户手中是旧编号，请告知客户。</translation>
    </message>
    <message>
        <source>%1 — %2
Your lot was numbered %3; %4 drew a lot with that number first (%5), so the server numbered yours %6. Correct any shipping papers that carry the old number.</source>
        <translation>%1 — %2
你的批次原编号为 %3；%4先录入了同一批次号的发运批次（%5），因此服务器将你的批次顺延编号为 %6。如发运单据（提单等）上用了旧批次号，请更正。</translation>
    </message>
    <message>
        <source>&amp;Delete anyway</source>
        <translation>仍然删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep the record</source>
        <translation>保留该记录(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Noted</source>
        <translation>知道了(&amp;N)</translation>
    </message>
    <message>
        <source>A quote number or lot number entry is a notice: while apart, you and someone else made a quote version, or drew a lot, under the same number, and the server moved yours on to the next one. Nothing to choose: read it and close it with Noted.</source>
        <translation>“报价单号”或“批次号”条目只是通知：离线期间，你与他人各自新建了同一报价版本，或录入了相同批次号的发运批次，服务器已将你的编号顺延为下一个。无需选择，阅读后点击“知道了”即可关闭。</translation>
    </message>
    <message>
        <source>Conflict inbox</source>
        <translation>冲突收件箱</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>保留本地(&amp;M)</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>保留服务器(&amp;T)</translation>
    </message>
    <message>
        <source>No conflicts to review.</source>
        <translation>没有需要处理的冲突。</translation>
    </message>
    <message>
        <source>While you were apart, you and someone else changed the same records. Each entry says what the server kept; choose what stays (your choice is sent at the next sync).</source>
        <translation>离线期间，你和其他人修改了相同的记录。每个条目都说明了服务器保留了什么；请选择要保留的内容（你的选择将在下次同步时发送）。</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>(whole record)</source>
        <translation>（整条记录）</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Changed, so kept</source>
        <translation>已被修改，故保留</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>My change</source>
        <translation>我的修改时间</translation>
    </message>
    <message>
        <source>Not applied here: %1</source>
        <translation>未在本机应用：%1</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Server&apos;s</source>
        <translation>服务器的值</translation>
    </message>
    <message>
        <source>Their change</source>
        <translation>对方修改时间</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>你的值</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Decision role</source>
        <translation>决策角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Edit contact — {name}</source>
        <translation>编辑联系人 — {name}</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New contact — {name}</source>
        <translation>新建联系人 — {name}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>e.g. 0472-2181234</source>
        <translation>例如 0472-2181234</translation>
    </message>
    <message>
        <source>e.g. 13904721234</source>
        <translation>例如 13904721234</translation>
    </message>
</context>
<context>
    <name>ContractDetail</name>
    <message>
        <source>%1 % payable</source>
        <translation>计价比例 %1 %</translation>
    </message>
    <message>
        <source>%1 per %2 %3 %4</source>
        <translation>%3 %4 每 %2 计 %1</translation>
    </message>
    <message>
        <source>%1 per %2 from %3 to %4</source>
        <translation>%3 至 %4 每 %2 计 %1</translation>
    </message>
    <message>
        <source>%1 per 1 % %2 from %3</source>
        <translation>%2 以 %3 为基准每 1 % 计 %1</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>基价</translation>
    </message>
    <message>
        <source>Calorific-value pro-rata</source>
        <translation>按发热量折算</translation>
    </message>
    <message>
        <source>Fixed price</source>
        <translation>固定价</translation>
    </message>
    <message>
        <source>Grade pro-rata</source>
        <translation>按品位折算</translation>
    </message>
    <message>
        <source>Index ± differential</source>
        <translation>指数价 ± 升贴水</translation>
    </message>
    <message>
        <source>Metal price × coefficient (计价系数)</source>
        <translation>金属价 × 计价系数</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>计价方式</translation>
    </message>
    <message>
        <source>Moisture</source>
        <translation>水分</translation>
    </message>
    <message>
        <source>Payable metal less TC/RC</source>
        <translation>计价金属扣减 TC/RC</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>扣款</translation>
    </message>
    <message>
        <source>Provisional invoice</source>
        <translation>暂定发票</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Treatment charge</source>
        <translation>加工费</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>增值税</translation>
    </message>
    <message>
        <source>Value in use</source>
        <translation>使用价值</translation>
    </message>
    <message>
        <source>above</source>
        <translation>高于</translation>
    </message>
    <message>
        <source>average of month M+%1</source>
        <translation>M+%1 月均价</translation>
    </message>
    <message>
        <source>average of the %1 days before B/L</source>
        <translation>提单日前 %1 天均价</translation>
    </message>
    <message>
        <source>average of the B/L month (M)</source>
        <translation>提单当月（M）均价</translation>
    </message>
    <message>
        <source>average of the last %1 quotes before B/L</source>
        <translation>提单日前 %1 个报价的均价</translation>
    </message>
    <message>
        <source>base %1</source>
        <translation>基准 %1</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>coefficient by grade (%1 bands)</source>
        <translation>按品位分档系数（%1 档）</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>分段累计</translation>
    </message>
    <message>
        <source>either side of</source>
        <translation>偏离</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>不含税</translation>
    </message>
    <message>
        <source>included</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>min. deduction %1</source>
        <translation>最低扣减 %1</translation>
    </message>
    <message>
        <source>only the worst penalty applies</source>
        <translation>仅按最重一项扣款</translation>
    </message>
    <message>
        <source>quote of the B/L date</source>
        <extracomment>Background and text colour of each status badge: grey drafts, amber review, blue approved and signed, green running and done, red terminated.</extracomment>
        <translation>提单日报价</translation>
    </message>
    <message>
        <source>reject above %1</source>
        <translation>高于 %1 拒收</translation>
    </message>
    <message>
        <source>reject below %1</source>
        <translation>低于 %1 拒收</translation>
    </message>
    <message>
        <source>settlement tonnes adjusted to %1 % moisture</source>
        <translation>结算吨数按水分 %1 % 折算</translation>
    </message>
    <message>
        <source>whole difference</source>
        <translation>全额计算</translation>
    </message>
    <message>
        <source>with escalator</source>
        <translation>含调价条款</translation>
    </message>
</context>
<context>
    <name>ContractDetailPanel</name>
    <message>
        <source>%1 %2: %3 wmt, H₂O %4 %, %5 dmt</source>
        <translation>%1 %2：%3 湿吨，水分 %4 %，%5 干吨</translation>
    </message>
    <message>
        <source>%1 · provisional %2 % · %3 credit days</source>
        <translation>%1 · 暂定发票 %2 % · 信用期 %3 天</translation>
    </message>
    <message>
        <source>(on account)</source>
        <translation>（预收款）</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Approved by %1 on %2</source>
        <translation>%1 于 %2 批准</translation>
    </message>
    <message>
        <source>Assays</source>
        <translation>化验</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>提单日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Contract value</source>
        <translation>合同金额</translation>
    </message>
    <message>
        <source>Contracted</source>
        <translation>合同量</translation>
    </message>
    <message>
        <source>Credit override: %1</source>
        <translation>信用超限批准：%1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交货</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Dry (dmt)</source>
        <translation>干吨 (dmt)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>FX %1</source>
        <translation>汇率 %1</translation>
    </message>
    <message>
        <source>H₂O %</source>
        <translation>水分 %</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Invoiced %1 · paid %2 · open %3 %4</source>
        <translation>已开票 %1 · 已回款 %2 · 未收 %3 %4</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Invoices &amp;&amp; payments</source>
        <translation>发票与回款</translation>
    </message>
    <message>
        <source>Issued %1, due %2 · net %3 + VAT %4 = %5 · paid %6</source>
        <translation>开票 %1，到期 %2 · 不含税 %3 + 增值税 %4 = %5 · 已付 %6</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Minimum %1, maximum %2 with the tolerance</source>
        <translation>含溢短装：最小 %1，最大 %2</translation>
    </message>
    <message>
        <source>More was shipped than the quantity plus the tolerance allows. Lots drawn on two computers while apart are each checked on their own computer only: agree the excess with the customer, or amend the contract.</source>
        <translation>已发运量超过合同量加溢短装上限。离线期间在两台电脑上录入的批次只各自在本机核对余量：请与客户确认超出部分，或修改合同。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未收</translation>
    </message>
    <message>
        <source>Over the maximum by %1 %2</source>
        <translation>超出上限 %1 %2</translation>
    </message>
    <message>
        <source>Overdue %1 %2 (oldest %3 days past due)</source>
        <translation>逾期 %1 %2（最长逾期 %3 天）</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <source>Payments (回款)</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>合同期</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>计价条款</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <source>Review steps (合同评审), every round</source>
        <translation>合同评审步骤（各轮）</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发运</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <source>Still drawable</source>
        <translation>尚可发运</translation>
    </message>
    <message>
        <source>Terminated: %1</source>
        <translation>已终止：%1</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>The most that may still be shipped: up to the quantity plus the tolerance</source>
        <translation>尚可发运的最大量：合同量加溢短装上限</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>VAT %1 % excluded</source>
        <translation>不含增值税 %1 %</translation>
    </message>
    <message>
        <source>VAT %1 % included</source>
        <translation>含增值税 %1 %</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>船名 / 车号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>You can view this contract but not change it.</source>
        <translation>你可以查看此合同，但不能修改。</translation>
    </message>
    <message>
        <source>no detailed terms recorded; the unit price applies</source>
        <translation>未录入详细条款，按单价执行</translation>
    </message>
    <message>
        <source>signed %1</source>
        <translation>%1 签订</translation>
    </message>
</context>
<context>
    <name>ContractDialogs</name>
    <message>
        <source>Remaining %1 %2 · may still draw %3 %2 (maximum %4 with ±%5 %, shipped %6)</source>
        <translation>剩余 %1 %2 · 尚可发运 %3 %2（含 ±%5 % 溢短装最大 %4，已发运 %6）</translation>
    </message>
</context>
<context>
    <name>ContractDraftDialog</name>
    <message>
        <source>Contract draft from quote %1</source>
        <translation>根据报价单 %1 生成合同草稿</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Leave empty to number it automatically</source>
        <translation>留空则自动编号</translation>
    </message>
    <message>
        <source>Make draft</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>暂定发票比例 %</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>ContractFormDialog</name>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 个</translation>
    </message>
    <message>
        <source>%1 found; the first %2 are listed — type more to narrow</source>
        <translation>找到 %1 个，仅列出前 %2 个 — 请继续输入以缩小范围</translation>
    </message>
    <message>
        <source>(keep the current terms)</source>
        <translation>（保留现有条款）</translation>
    </message>
    <message>
        <source>(none: unit price)</source>
        <translation>（无：按单价）</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation>信用期（天）</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Edit draft contract %1</source>
        <translation>编辑合同草稿 %1</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>FX rate (CNY per unit)</source>
        <translation>汇率（折人民币）</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>贸易术语</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone — then pick below</source>
        <translation>名称、拼音首字母、编码、统一社会信用代码或电话 — 然后在下方选择</translation>
    </message>
    <message>
        <source>New contract</source>
        <translation>新建合同</translation>
    </message>
    <message>
        <source>No customer matches</source>
        <translation>没有匹配的客户</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Port / place</source>
        <translation>港口 / 地点</translation>
    </message>
    <message>
        <source>Price includes VAT</source>
        <translation>价格含增值税</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>计价条款</translation>
    </message>
    <message>
        <source>Pricing method</source>
        <translation>计价方式</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>暂定发票比例 %</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Tolerance option</source>
        <translation>溢短装选择权</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>溢短装 ± %</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>增值税 %</translation>
    </message>
    <message>
        <source>empty: from the customer&apos;s credit profile</source>
        <translation>留空：取客户信用档案</translation>
    </message>
    <message>
        <source>empty: numbered automatically</source>
        <translation>留空：自动编号</translation>
    </message>
</context>
<context>
    <name>Contracts</name>
    <message>
        <source>A CNY contract has an exchange rate of 1 (CNY is the base).</source>
        <translation>人民币合同的汇率为 1（人民币为本位币）。</translation>
    </message>
    <message>
        <source>A contract cannot be moved to another customer.</source>
        <translation>合同不能转到其他客户名下。</translation>
    </message>
    <message>
        <source>A contract is reviewed by someone other than its owner.</source>
        <translation>合同须由负责人以外的人评审。</translation>
    </message>
    <message>
        <source>A contract never moves backwards: it is {current} and cannot become {target}.</source>
        <translation>合同状态不能回退：当前为“{current}”，不能变为“{target}”。</translation>
    </message>
    <message>
        <source>A credit note is not paid.</source>
        <translation>贷项通知单不用付款。</translation>
    </message>
    <message>
        <source>A paid invoice cannot be cancelled; issue a credit note.</source>
        <translation>已付款的发票不能作废，请开具贷项通知单。</translation>
    </message>
    <message>
        <source>A payment is not edited; delete it and enter it again.</source>
        <translation>回款记录不能修改，请删除后重新录入。</translation>
    </message>
    <message>
        <source>A shipment cannot be moved to another contract.</source>
        <translation>发运不能转到其他合同。</translation>
    </message>
    <message>
        <source>An analyte is named in 1 to 16 characters.</source>
        <translation>化验项目名称为 1 到 16 个字符。</translation>
    </message>
    <message>
        <source>An assay needs at least one result.</source>
        <translation>化验至少需要一项结果。</translation>
    </message>
    <message>
        <source>An invoice is never deleted; cancel it instead.</source>
        <translation>发票不能删除，请改为作废。</translation>
    </message>
    <message>
        <source>An issued invoice is not edited; cancel it and issue a new one.</source>
        <translation>已开具的发票不能修改，请作废后重新开具。</translation>
    </message>
    <message>
        <source>Cannot approve yet. Missing the review of:</source>
        <translation>尚不能批准，还缺以下评审：</translation>
    </message>
    <message>
        <source>Cannot cancel the invoice yet. Missing:</source>
        <translation>尚不能作废发票，还缺：</translation>
    </message>
    <message>
        <source>Cannot check the credit limit. Missing:</source>
        <translation>无法检查信用额度，还缺：</translation>
    </message>
    <message>
        <source>Cannot complete the contract yet. Missing:</source>
        <translation>尚不能完成合同，还缺：</translation>
    </message>
    <message>
        <source>Cannot reject the contract yet. Missing:</source>
        <translation>尚不能驳回合同，还缺：</translation>
    </message>
    <message>
        <source>Cannot submit the contract for review yet. Missing:</source>
        <translation>尚不能提交合同评审，还缺：</translation>
    </message>
    <message>
        <source>Cannot terminate the contract yet. Missing:</source>
        <translation>尚不能终止合同，还缺：</translation>
    </message>
    <message>
        <source>Choose approve or reject.</source>
        <translation>请选择通过或驳回。</translation>
    </message>
    <message>
        <source>Closed short by {short} {unit}: {reason}</source>
        <translation>短装 {short} {unit} 结案：{reason}</translation>
    </message>
    <message>
        <source>Exceeds the contract balance: at most {drawable} {unit} may still be drawn (maximum {maximum} with the tolerance, already shipped {shipped}).</source>
        <translation>超出合同余量：最多还可发运 {drawable} {unit}（含溢短装最大 {maximum}，已发运 {shipped}）。</translation>
    </message>
    <message>
        <source>First shipment: lot {lot}</source>
        <translation>首批发运：批次 {lot}</translation>
    </message>
    <message>
        <source>Give the net amount, or the quantity and the unit price.</source>
        <translation>请填写不含税金额，或数量和单价。</translation>
    </message>
    <message>
        <source>Invoices are issued only against a signed contract; this one is {status}.</source>
        <translation>只有已签订的合同才能开票；本合同当前为“{status}”。</translation>
    </message>
    <message>
        <source>More than the invoice&apos;s open amount of {open} {currency}; record the rest as a payment on account (without an invoice).</source>
        <translation>超过该发票的未收金额 {open} {currency}；多出部分请作为预收款（不对应发票）录入。</translation>
    </message>
    <message>
        <source>Only a draft contract is deleted; this one is {status}: terminate it.</source>
        <translation>只有草稿合同可以删除；本合同当前为“{status}”，请改为终止。</translation>
    </message>
    <message>
        <source>Only a sales manager can approve a contract.</source>
        <translation>只有销售经理可以审批合同。</translation>
    </message>
    <message>
        <source>Only a sales manager can terminate an approved or signed contract.</source>
        <translation>只有销售经理可以终止已批准或已签订的合同。</translation>
    </message>
    <message>
        <source>Only a sales manager decides the management review.</source>
        <translation>管理层评审只能由销售经理决定。</translation>
    </message>
    <message>
        <source>Override reason: {reason}</source>
        <translation>超限理由：{reason}</translation>
    </message>
    <message>
        <source>Rejected by {department}: {comment}</source>
        <translation>{department}驳回：{comment}</translation>
    </message>
    <message>
        <source>Shipments are drawn only against a signed or executing contract; this one is {status}.</source>
        <translation>只有已签订或执行中的合同才能发运；本合同当前为“{status}”。</translation>
    </message>
    <message>
        <source>The contract is already {status}.</source>
        <translation>合同已经是“{status}”。</translation>
    </message>
    <message>
        <source>The contract is {current}; it cannot become {target} yet. Missing:</source>
        <translation>合同当前为“{current}”，尚不能变为“{target}”，还缺：</translation>
    </message>
    <message>
        <source>The contract is {status}, not in review.</source>
        <translation>合同当前为“{status}”，不在评审中。</translation>
    </message>
    <message>
        <source>The contract is {status}, which is final; nothing more changes.</source>
        <translation>合同已是最终状态“{status}”，不能再变更。</translation>
    </message>
    <message>
        <source>The contract is {status}: its terms can no longer be changed. Only a draft is edited; a rejected review returns it to draft.</source>
        <translation>合同当前为“{status}”，条款不能再修改。只有草稿可以编辑；评审驳回后合同退回草稿。</translation>
    </message>
    <message>
        <source>The contract period has already ended.</source>
        <translation>合同期已经结束。</translation>
    </message>
    <message>
        <source>The customer has no credit profile.</source>
        <translation>该客户没有信用档案。</translation>
    </message>
    <message>
        <source>The exposure {exposure} {currency} (open receivables {ar}, open contracts {open}, this contract {this}) exceeds the credit limit {limit} {currency} by {shortfall} {currency}.</source>
        <translation>信用敞口 {exposure} {currency}（未收应收账款 {ar}，未完成合同 {open}，本合同 {this}）超出信用额度 {limit} {currency}，超出 {shortfall} {currency}。</translation>
    </message>
    <message>
        <source>The invoice belongs to another contract.</source>
        <translation>该发票属于其他合同。</translation>
    </message>
    <message>
        <source>The invoice is already cancelled.</source>
        <translation>该发票已作废。</translation>
    </message>
    <message>
        <source>The invoice is cancelled.</source>
        <translation>该发票已作废。</translation>
    </message>
    <message>
        <source>The lot does not belong to this contract.</source>
        <translation>该批次不属于本合同。</translation>
    </message>
    <message>
        <source>The lot has been invoiced; cancel the invoice first.</source>
        <translation>该批次已开票，请先作废发票。</translation>
    </message>
    <message>
        <source>The management review is approved by approving the contract.</source>
        <translation>管理层评审通过审批合同来完成。</translation>
    </message>
    <message>
        <source>The opportunity belongs to another customer.</source>
        <translation>该商机属于其他客户。</translation>
    </message>
    <message>
        <source>The signing date cannot be in the future.</source>
        <translation>签订日期不能晚于今天。</translation>
    </message>
    <message>
        <source>This review has no such step.</source>
        <translation>本次评审没有这个步骤。</translation>
    </message>
    <message>
        <source>a comment saying what must change</source>
        <translation>说明需修改内容的意见</translation>
    </message>
    <message>
        <source>a credit profile with a limit, or an override reason</source>
        <translation>设有额度的信用档案，或超限理由</translation>
    </message>
    <message>
        <source>a manager&apos;s approval</source>
        <translation>经理审批</translation>
    </message>
    <message>
        <source>a unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>an override reason (the limit is exceeded by {shortfall} {currency})</source>
        <translation>超限理由（超出额度 {shortfall} {currency}）</translation>
    </message>
    <message>
        <source>completion</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>or an override reason</source>
        <translation>或超限理由</translation>
    </message>
    <message>
        <source>signing (the signing date)</source>
        <translation>签订（签订日期）</translation>
    </message>
    <message>
        <source>submission for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>the reason for cancelling it</source>
        <translation>作废理由</translation>
    </message>
    <message>
        <source>the reason for terminating it</source>
        <translation>终止理由</translation>
    </message>
    <message>
        <source>the start of execution (a first shipment)</source>
        <translation>开始执行（首批发运）</translation>
    </message>
    <message>
        <source>{department} has already decided: {decision}.</source>
        <translation>{department}已有结论：{decision}。</translation>
    </message>
    <message>
        <source>{problem} Cannot approve yet. Missing:</source>
        <translation>{problem} 尚不能批准，还缺：</translation>
    </message>
    <message>
        <source>{short} {unit} more shipped (minimum {minimum}, shipped {shipped}), or a reason to close it short</source>
        <translation>再发运 {short} {unit}（最小 {minimum}，已发运 {shipped}），或短装结案理由</translation>
    </message>
</context>
<context>
    <name>ContractsTab</name>
    <message>
        <source>%1 contracts · %2 in review · %3 executing</source>
        <translation>%1 份合同 · %2 份评审中 · %3 份执行中</translation>
    </message>
    <message>
        <source>%1 listed</source>
        <translation>列出 %1 份</translation>
    </message>
    <message>
        <source>A contract is reviewed by someone other than its owner.</source>
        <translation>合同须由负责人以外的人评审。</translation>
    </message>
    <message>
        <source>Add invoice…</source>
        <translation>开票…</translation>
    </message>
    <message>
        <source>Add shipment…</source>
        <translation>新增发运…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Approve the reviewed contract after the credit check (managers)</source>
        <translation>信用检查后审批已评审的合同（经理）</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <source>Change the terms of a draft contract</source>
        <translation>修改合同草稿的条款</translation>
    </message>
    <message>
        <source>Close the contract once its quantity is shipped</source>
        <translation>合同数量发运完毕后结案</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer (name, pinyin initials, code, USCC, phone) or contract no.</source>
        <translation>客户（名称、拼音首字母、编码、统一社会信用代码、电话）或合同编号</translation>
    </message>
    <message>
        <source>Draft a new contract for a customer</source>
        <translation>为客户起草新合同</translation>
    </message>
    <message>
        <source>Draw a lot against the contract balance</source>
        <translation>按合同余量发运一个批次</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Every department has decided; a manager approves.</source>
        <translation>各部门均已评审，由经理审批。</translation>
    </message>
    <message>
        <source>Find contract</source>
        <translation>查找合同</translation>
    </message>
    <message>
        <source>Issue a provisional or final invoice, or a debit/credit note</source>
        <translation>开具暂定发票、最终发票或借/贷项通知单</translation>
    </message>
    <message>
        <source>Mark the signed contract as executing</source>
        <translation>将已签订的合同标记为执行中</translation>
    </message>
    <message>
        <source>New contract…</source>
        <translation>新建合同…</translation>
    </message>
    <message>
        <source>Not possible while the contract is %1.</source>
        <translation>合同为“%1”时不能进行此操作。</translation>
    </message>
    <message>
        <source>Only a sales manager can approve a contract.</source>
        <translation>只有销售经理可以审批合同。</translation>
    </message>
    <message>
        <source>Only a sales manager can terminate an approved or signed contract.</source>
        <translation>只有销售经理可以终止已批准或已签订的合同。</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Record a department&apos;s review decision</source>
        <translation>录入部门评审结论</translation>
    </message>
    <message>
        <source>Record money received against an invoice or on account</source>
        <translation>录入对应发票或预收的回款</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>录入回款…</translation>
    </message>
    <message>
        <source>Record the date both parties signed</source>
        <translation>录入双方签订日期</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>评审…</translation>
    </message>
    <message>
        <source>Select a contract first.</source>
        <translation>请先选择一份合同。</translation>
    </message>
    <message>
        <source>Select a contract to see its terms, review, lots, invoices and payments.</source>
        <translation>选择一份合同，查看其条款、评审、批次、发票和回款。</translation>
    </message>
    <message>
        <source>Send the draft to sales, finance, legal and management review</source>
        <translation>将草稿提交销售、财务、法务和管理层评审</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发运</translation>
    </message>
    <message>
        <source>Show only %1 contracts</source>
        <translation>只显示“%1”的合同</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>签订…</translation>
    </message>
    <message>
        <source>Start execution</source>
        <translation>开始执行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stop the contract, with a reason</source>
        <translation>终止合同（需填写理由）</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>终止…</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Waiting for the review of: %1</source>
        <translation>等待评审：%1</translation>
    </message>
    <message>
        <source>You may only change your own contracts or your team&apos;s.</source>
        <translation>你只能修改自己或本团队的合同。</translation>
    </message>
</context>
<context>
    <name>Credit</name>
    <message>
        <source>A credit profile cannot be moved to another customer.</source>
        <translation>信用档案不能转到其他客户名下。</translation>
    </message>
    <message>
        <source>No exchange rate is known for {currency}: give one to compare amounts.</source>
        <translation>没有 {currency} 的汇率：请填写汇率以便比较金额。</translation>
    </message>
    <message>
        <source>Only a sales manager can set a customer&apos;s credit terms.</source>
        <translation>只有销售经理可以设置客户的信用条件。</translation>
    </message>
    <message>
        <source>This customer already has a credit profile; edit that one.</source>
        <translation>该客户已有信用档案，请编辑现有档案。</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Ageing — current {current}; 1–30 d {d30}; 31–60 d {d60}; 61–90 d {d90}; over 90 d {over}</source>
        <translation>账龄 — 未到期 {current}；1–30 天 {d30}；31–60 天 {d60}；61–90 天 {d90}；90 天以上 {over}</translation>
    </message>
    <message>
        <source>Available credit</source>
        <translation>可用额度</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Cancel plan</source>
        <translation>取消计划</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message numerus="yes">
        <source>Contacts (%n)</source>
        <translation>
            <numerusform>联系人 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message numerus="yes">
        <source>Contracts (%n)</source>
        <translation>
            <numerusform>合同 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Credit rating</source>
        <translation>信用评级</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>决策角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Edit contact…</source>
        <translation>编辑联系人…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>预计金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>信用敞口</translation>
    </message>
    <message numerus="yes">
        <source>Follow-ups (%n)</source>
        <translation>
            <numerusform>跟进 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Log visit for plan…</source>
        <translation>按计划记录拜访…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>新建联系人…</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>No credit profile: no limit granted.</source>
        <translation>无信用档案：未授予额度。</translation>
    </message>
    <message>
        <source>Open receivables {ar} + open contracts {contracts}</source>
        <translation>未收应收账款 {ar} + 未完成合同 {contracts}</translation>
    </message>
    <message numerus="yes">
        <source>Opportunities (%n)</source>
        <translation>
            <numerusform>商机 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Overdue receivables</source>
        <translation>逾期应收账款</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>合同期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>省 / 市</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 到期</translation>
    </message>
    <message>
        <source>Select a customer to see contacts, the activity timeline, follow-up plans, opportunities, contracts, service tickets and credit.</source>
        <translation>选择一个客户，查看联系人、活动时间线、跟进计划、商机、合同、工单和信用情况。</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>工单号</translation>
    </message>
    <message numerus="yes">
        <source>Tickets (%n)</source>
        <translation>
            <numerusform>工单 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Timeline (%n)</source>
        <translation>
            <numerusform>时间线 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>none planned</source>
        <translation>暂无计划</translation>
    </message>
    <message>
        <source>{rating} (score {score}) · {days} days</source>
        <translation>{rating}（{score} 分）· {days} 天</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>18 characters, e.g. 91150200114124953K</source>
        <translation>18 位，例如 91150200114124953K</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Edit customer — {name}</source>
        <translation>编辑客户 — {name}</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户分级</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>e.g. C-HB-0001</source>
        <translation>例如 C-HB-0001</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>The customer has {n} open contract(s).</source>
        <translation>该客户有 {n} 份未完成的合同。</translation>
    </message>
    <message>
        <source>The customer has {n} open service ticket(s).</source>
        <translation>该客户有 {n} 张未关闭的工单。</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>今天到期 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n 项跟进逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel follow-up plan</source>
        <translation>取消跟进计划</translation>
    </message>
    <message>
        <source>Cancel the follow-up “{action}” due {due}?</source>
        <translation>取消 {due} 到期的跟进“{action}”？</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <source>Customers</source>
        <extracomment>the kind of activity the log button starts with: the last one the rep logged &quot;today&quot; for due/overdue; replaceable so tests and screenshots can pin the date</extracomment>
        <translation>客户</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <source>Delete the customer (Del in the list)</source>
        <translation>删除客户（在列表中按 Del）</translation>
    </message>
    <message>
        <source>Delete {name} ({code})?

The customer disappears from every list; the deletion is synced to the other laptops.</source>
        <translation>删除 {name}（{code}）？

该客户将从所有列表中消失，删除操作会同步到其他电脑。</translation>
    </message>
    <message>
        <source>Edit the customer (Enter or double-click)</source>
        <translation>编辑客户（按 Enter 或双击）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Filter by {what}</source>
        <translation>按{what}筛选</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Log visit/call…</source>
        <translation>记录拜访/电话…</translation>
    </message>
    <message>
        <source>Log {kind}…</source>
        <translation>记录{kind}…</translation>
    </message>
    <message>
        <source>My customers</source>
        <translation>我的客户</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone</source>
        <translation>名称/拼音/编码/信用代码/电话</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>新建联系人…</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation>没有与“{query}”匹配的客户。</translation>
    </message>
    <message>
        <source>No customers match these filters.</source>
        <translation>没有符合这些筛选条件的客户。</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>省 / 市</translation>
    </message>
    <message>
        <source>Reassign owner…</source>
        <translation>更换负责人…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Week plan</source>
        <translation>周计划</translation>
    </message>
    <message>
        <source>{name} belongs to {owner}; only they or their manager can change it.</source>
        <translation>{name} 由 {owner} 负责，只有其本人或其上级可以修改。</translation>
    </message>
    <message>
        <source>{name} cannot be deleted:
{reasons}</source>
        <translation>{name} 不能删除：
{reasons}</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Adding up the period’s records…</source>
        <translation>正在汇总本期记录…</translation>
    </message>
    <message>
        <source>Choose one person, one team or everyone.</source>
        <translation>请选择一个人、一个团队或全部人员。</translation>
    </message>
    <message>
        <source>Drawing charts and tables…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>No Chinese TrueType font was found, so charts and PDFs cannot show Chinese. Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), or on Windows make sure Microsoft YaHei (msyh.ttc) or SimSun (simsun.ttc) is in C:\Windows\Fonts, or put a .ttf/.ttc font into {folder}. Looked for: {paths}</source>
        <translation>未找到中文 TrueType 字体，图表和 PDF 无法显示中文。请安装文泉驿微米黑（Debian/Ubuntu：sudo apt install fonts-wqy-microhei）；在 Windows 上请确认 C:\Windows\Fonts 中有微软雅黑（msyh.ttc）或宋体（simsun.ttc）；或将 .ttf/.ttc 字体放入 {folder}。已查找：{paths}</translation>
    </message>
    <message>
        <source>Nobody to appraise: the choice has no active reps.</source>
        <translation>没有可考核的人员：所选范围内没有在职销售代表。</translation>
    </message>
    <message>
        <source>Nobody to print: the choice has no reps.</source>
        <translation>没有可打印的人员：所选范围内没有销售代表。</translation>
    </message>
    <message>
        <source>The font {path} cannot be used for PDFs ({error}). Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or put another TrueType (.ttf/.ttc) Chinese font into the application&apos;s fonts folder.</source>
        <translation>字体 {path} 不能用于 PDF（{error}）。请安装文泉驿微米黑（Debian/Ubuntu：sudo apt install fonts-wqy-microhei），或将其他 TrueType（.ttf/.ttc）中文字体放入程序的 fonts 文件夹。</translation>
    </message>
    <message>
        <source>There is no team named “{name}”.</source>
        <translation>没有名为“{name}”的团队。</translation>
    </message>
</context>
<context>
    <name>DueFollowUpsPanel</name>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>今天到期 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Due follow-ups</source>
        <translation>到期跟进</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Log the visit or call that does this follow-up</source>
        <translation>记录完成此跟进的拜访或电话</translation>
    </message>
    <message>
        <source>Log visit…</source>
        <translation>记录拜访…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Nothing due today. Plan the next visits in the week plan.</source>
        <translation>今天没有到期事项。可在周计划中安排下一步拜访。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The record no longer exists (it may have been deleted).</source>
        <translation>该记录已不存在（可能已被删除）。</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>A suggestion that is {current} cannot become {target}.</source>
        <translation>处于“{current}”的建议不能变为“{target}”。</translation>
    </message>
    <message>
        <source>An answer to the author.</source>
        <translation>给提出人的答复。</translation>
    </message>
    <message>
        <source>It must be {status} first.</source>
        <translation>须先变为“{status}”。</translation>
    </message>
    <message>
        <source>The suggestion cannot be {target} without an answer.</source>
        <translation>没有答复的建议不能变为“{target}”。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Edit suggestion</source>
        <translation>编辑建议</translation>
    </message>
    <message>
        <source>New suggestion</source>
        <translation>新建建议</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>What should change, and why?</source>
        <translation>应当改变什么？为什么？</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>%1 · by %2 · submitted %3</source>
        <translation>%1 · 提出人 %2 · 提交于 %3</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s)</source>
        <translation>
            <numerusform>%n 条建议</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept or decline the suggestion, with an answer to its author</source>
        <translation>采纳或不采纳该建议，并答复提出人</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Change your suggestion while nobody has taken it up</source>
        <translation>在无人受理前修改你的建议</translation>
    </message>
    <message>
        <source>Drop a suggestion in the box</source>
        <translation>向建议箱投递建议</translation>
    </message>
    <message>
        <source>Edit suggestion…</source>
        <translation>编辑建议…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message numerus="yes">
        <source>My suggestions: %n</source>
        <translation>
            <numerusform>我的建议 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>New suggestion…</source>
        <translation>新建建议…</translation>
    </message>
    <message>
        <source>Not answered yet.</source>
        <translation>尚未答复。</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can answer feedback.</source>
        <translation>只有经理或管理员可以答复反馈。</translation>
    </message>
    <message>
        <source>Only a new suggestion can be taken up.</source>
        <translation>只有新建议可以受理。</translation>
    </message>
    <message>
        <source>Only an accepted suggestion can be marked done.</source>
        <translation>只有已采纳的建议可以标记完成。</translation>
    </message>
    <message>
        <source>Only its author can change a suggestion, until it is taken up.</source>
        <translation>建议在受理前只能由提出人修改。</translation>
    </message>
    <message>
        <source>Select a suggestion first.</source>
        <translation>请先选择一条建议。</translation>
    </message>
    <message>
        <source>Select a suggestion to read it and its answer.</source>
        <translation>选择一条建议，查看其内容和答复。</translation>
    </message>
    <message>
        <source>Start review</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Take the suggestion up for review</source>
        <translation>受理该建议，开始处理</translation>
    </message>
    <message>
        <source>Take the suggestion up for review first.</source>
        <translation>请先受理该建议。</translation>
    </message>
    <message>
        <source>The accepted suggestion has been carried out</source>
        <translation>已采纳的建议已落实</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>This database is new. Create the administrator account; the administrator then adds the sales team.</source>
        <translation>这是一个新数据库。请创建管理员账户，再由管理员添加销售团队。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>FollowUpReminderDialog</name>
    <message>
        <source>%1 overdue and %2 due today.</source>
        <translation>%1 项逾期，%2 项今天到期。</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) due today.</source>
        <translation>
            <numerusform>今天有 %n 项跟进到期。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue.</source>
        <translation>
            <numerusform>有 %n 项跟进已逾期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>到期跟进</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Nothing is due. Well done.</source>
        <translation>没有到期事项，做得好。</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>This follow-up is already closed.</source>
        <translation>此跟进已关闭。</translation>
    </message>
    <message>
        <source>{date} · today</source>
        <translation>{date} · 今天</translation>
    </message>
    <message>
        <source>{date} · {n} d overdue</source>
        <translation>{date} · 逾期 {n} 天</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <source>%1 · VAT %2 % · due %3 days after issue</source>
        <translation>%1 · 增值税 %2 % · 开票后 %3 天到期</translation>
    </message>
    <message>
        <source>Add invoice</source>
        <translation>开具发票</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Net amount (excl. VAT)</source>
        <translation>金额（不含税）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation>单价（%1）</translation>
    </message>
    <message>
        <source>excl. VAT</source>
        <translation>不含税</translation>
    </message>
    <message>
        <source>incl. VAT</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>or give quantity and unit price</source>
        <translation>或填写数量和单价</translation>
    </message>
</context>
<context>
    <name>LogActivityDialog</name>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Log a visit or call — {name}</source>
        <translation>记录拜访或电话 — {name}</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <source>Next action (becomes a follow-up plan)</source>
        <translation>下一步行动（将生成跟进计划）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional — the kind is used when left empty</source>
        <translation>选填 — 留空时使用类型名称</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Saving marks the follow-up plan “{action}” (due {due}) done.</source>
        <translation>保存后，跟进计划“{action}”（{due} 到期）将标记为完成。</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in — %1</source>
        <translation>登录 — %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Lost reason *</source>
        <translation>丢单原因 *</translation>
    </message>
    <message>
        <source>Mark %1 as lost</source>
        <translation>将 %1 标记为丢单</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What decided it? Price gap, spec, logistics…</source>
        <translation>决定因素是什么？价差、规格、物流…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Version %3&lt;/p&gt;&lt;p&gt;Offline-first CRM for the sales department of a mining company.&lt;/p&gt;&lt;p&gt;Database: %4&lt;br&gt;Logs: %5&lt;/p&gt;&lt;p&gt;Qt for Python %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;版本 %3&lt;/p&gt;&lt;p&gt;面向矿业公司销售部门、可离线使用的客户关系管理系统。&lt;/p&gt;&lt;p&gt;数据库：%4&lt;br&gt;日志：%5&lt;/p&gt;&lt;p&gt;Qt for Python %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Database (*.db)</source>
        <translation>数据库 (*.db)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Replace the current database with this backup? The current database is kept as a backup of its own.</source>
        <translation>用此备份替换当前数据库？当前数据库会另存为一份备份。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>编辑会议</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>会议时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>With</source>
        <translation>对象</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>行动项</translation>
    </message>
    <message>
        <source>Action items of this meeting</source>
        <translation>本次会议的行动项</translation>
    </message>
    <message>
        <source>Add action item…</source>
        <translation>添加行动项…</translation>
    </message>
    <message>
        <source>Add what the meeting decided someone will do</source>
        <translation>添加会议决定由某人完成的事项</translation>
    </message>
    <message>
        <source>All meetings</source>
        <translation>全部会议</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Cancel item</source>
        <translation>取消事项</translation>
    </message>
    <message>
        <source>Change the meeting and its minutes</source>
        <translation>修改会议及其纪要</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Edit meeting…</source>
        <translation>编辑会议…</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>会议时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>My action items</source>
        <translation>我的行动项</translation>
    </message>
    <message>
        <source>My open action items</source>
        <translation>我的未完成行动项</translation>
    </message>
    <message>
        <source>My open action items from every meeting</source>
        <translation>所有会议中我的未完成行动项</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <source>No minutes recorded.</source>
        <translation>未记录会议纪要。</translation>
    </message>
    <message>
        <source>Only the assignee, the item&apos;s owner or whoever may change the meeting can close this item.</source>
        <translation>只有负责人、事项创建人或有权修改该会议的人可以关闭此事项。</translation>
    </message>
    <message>
        <source>Only the organiser or their manager can change this meeting.</source>
        <translation>只有组织者或其上级可以修改此会议。</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未完成事项</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织者</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>组织者：%1</translation>
    </message>
    <message>
        <source>Record a team meeting or a one-to-one</source>
        <translation>记录团队会议或一对一会议</translation>
    </message>
    <message>
        <source>Select a meeting first.</source>
        <translation>请先选择一个会议。</translation>
    </message>
    <message>
        <source>Select a meeting to see its minutes and action items.</source>
        <translation>选择一个会议，查看其纪要和行动项。</translation>
    </message>
    <message>
        <source>Select an action item first.</source>
        <translation>请先选择一个行动项。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Team / with</source>
        <translation>团队 / 对象</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>团队：%1</translation>
    </message>
    <message>
        <source>The action item is done</source>
        <translation>行动项已完成</translation>
    </message>
    <message>
        <source>The action item is no longer needed</source>
        <translation>行动项不再需要</translation>
    </message>
    <message>
        <source>This action item is already %1.</source>
        <translation>该行动项已是“%1”。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>With: %1</source>
        <translation>对象：%1</translation>
    </message>
    <message>
        <source>You may only add action items to your own meetings.</source>
        <translation>你只能为自己的会议添加行动项。</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>Bid deadline (tenders)</source>
        <translation>投标截止（招标）</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>Edit opportunity %1</source>
        <translation>编辑商机 %1</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>预计金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Move back to %1</source>
        <translation>退回到“%1”</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Probability %</source>
        <translation>赢单概率 %</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Search name, code, pinyin initials, USCC or phone</source>
        <translation>搜索名称、编码、拼音首字母、信用代码或电话</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Why does %1 move back to %2?</source>
        <translation>%1 为什么退回到“%2”？</translation>
    </message>
    <message>
        <source>e.g. 2026 term supply</source>
        <translation>例如：2026 年长协供货</translation>
    </message>
</context>
<context>
    <name>OpportunityPanel</name>
    <message numerus="yes">
        <source>%n day(s) since %1</source>
        <translation>
            <numerusform>自 %1 起 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; still needs:</source>
        <translation>进入&lt;b&gt;%1&lt;/b&gt;还需要：</translation>
    </message>
    <message>
        <source>Bid deadline</source>
        <translation>投标截止</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>预计金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Export quote PDF…</source>
        <translation>导出报价单 PDF…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <translation>丢单：%1</translation>
    </message>
    <message>
        <source>Make contract draft…</source>
        <translation>生成合同草稿…</translation>
    </message>
    <message>
        <source>New quote version…</source>
        <translation>新建报价单版本…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Only the current version of the quote becomes a contract.</source>
        <translation>只有报价单的当前版本可以生成合同。</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Pick a card on the board or a row in the list to see its guide.</source>
        <translation>在看板上选择卡片或在列表中选择一行，查看其阶段指引。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Ready for &lt;b&gt;%1&lt;/b&gt;: every gate condition holds.</source>
        <translation>可进入&lt;b&gt;%1&lt;/b&gt;：所有准入条件均已满足。</translation>
    </message>
    <message>
        <source>Select an opportunity</source>
        <extracomment>an edited copy of the guides in the data folder wins over the shipped file</extracomment>
        <translation>请选择商机</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Stage guide</source>
        <translation>阶段指引</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>本阶段停留</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Watch for</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>要做什么</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember until I close MineSales</source>
        <translation>记住密码，直到关闭 MineSales</translation>
    </message>
    <message>
        <source>Sign in to %1 as %2.</source>
        <translation>以 %2 身份登录 %1。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync — sign in</source>
        <translation>同步 — 登录</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>%1 · open %2</source>
        <translation>%1 · 未收 %2</translation>
    </message>
    <message>
        <source>(on account, no invoice)</source>
        <translation>（预收款，不对应发票）</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>金额（%1）</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>录入回款</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>The database already has users; sign in instead.</source>
        <translation>数据库中已有用户，请直接登录。</translation>
    </message>
    <message>
        <source>The team still has {n} member(s).</source>
        <translation>该团队还有 {n} 名成员。</translation>
    </message>
</context>
<context>
    <name>Performance</name>
    <message>
        <source>A score from 0 to {top}.</source>
        <translation>0 到 {top} 之间的分数。</translation>
    </message>
    <message>
        <source>A target cannot be moved to another person or KPI.</source>
        <translation>目标不能转给其他人或其他考核指标。</translation>
    </message>
    <message>
        <source>A target stays in its period: delete it and set one for the other period.</source>
        <translation>目标的期间不能更改：请删除此目标，再为另一期间设定目标。</translation>
    </message>
    <message>
        <source>Appraisals are for sales reps and managers.</source>
        <translation>绩效考核只适用于销售代表和经理。</translation>
    </message>
    <message>
        <source>Cannot finish the manager review yet. Missing:</source>
        <translation>尚不能完成上级评分，还缺：</translation>
    </message>
    <message>
        <source>Cannot submit the self-assessment yet. Missing:</source>
        <translation>尚不能提交自评，还缺：</translation>
    </message>
    <message>
        <source>Cannot {doing} now: the appraisal is at “{status}”.</source>
        <translation>当前不能{doing}：绩效考核处于“{status}”。</translation>
    </message>
    <message>
        <source>Deduction scoring needs the points deducted per point (deduct_per_point).</source>
        <translation>扣分制需要设置每点扣分（deduct_per_point）。</translation>
    </message>
    <message>
        <source>Each grade needs a distinct name of 1 to 4 characters.</source>
        <translation>每个等级需要一个 1 到 4 个字符、互不相同的名称。</translation>
    </message>
    <message>
        <source>Give at least one grade band.</source>
        <translation>请至少设置一个等级区间。</translation>
    </message>
    <message>
        <source>Grade floors must be in descending order, highest grade first.</source>
        <translation>等级下限须按降序排列，最高等级在前。</translation>
    </message>
    <message>
        <source>Linear scoring needs a cap (cap_pct).</source>
        <translation>线性计分需要设置上限（cap_pct）。</translation>
    </message>
    <message>
        <source>Make it inactive instead.</source>
        <translation>请改为设为停用。</translation>
    </message>
    <message>
        <source>No such KPI: {code}</source>
        <translation>没有这个考核指标：{code}</translation>
    </message>
    <message>
        <source>No such person.</source>
        <translation>没有这个人。</translation>
    </message>
    <message>
        <source>No such team.</source>
        <translation>没有这个团队。</translation>
    </message>
    <message>
        <source>Not a period: {text!r}. Write a month as 2026-10, a quarter as 2026Q3 or a year as 2026.</source>
        <translation>{text!r} 不是有效期间。月度写作 2026-10，季度写作 2026Q3，年度写作 2026。</translation>
    </message>
    <message>
        <source>Targets are for sales reps and managers.</source>
        <translation>目标只适用于销售代表和经理。</translation>
    </message>
    <message>
        <source>The appraisal is confirmed and can no longer be changed.</source>
        <translation>该绩效考核已确认，不能再修改。</translation>
    </message>
    <message>
        <source>The cap must be between 100 and 200 %.</source>
        <translation>上限须在 100 % 到 200 % 之间。</translation>
    </message>
    <message>
        <source>The deduction per point must be above zero.</source>
        <translation>每点扣分必须大于零。</translation>
    </message>
    <message>
        <source>The free allowance (free_pct) must be a number ≥ 0.</source>
        <translation>免扣额度（free_pct）必须是 ≥ 0 的数字。</translation>
    </message>
    <message>
        <source>The lowest grade must start at 0.</source>
        <translation>最低等级须从 0 起。</translation>
    </message>
    <message>
        <source>The scoring parameters are not valid JSON.</source>
        <translation>计分参数不是有效的 JSON。</translation>
    </message>
    <message>
        <source>The scoring parameters must be a set of values.</source>
        <translation>计分参数必须是一组键值。</translation>
    </message>
    <message>
        <source>The weights of the active KPIs add up to {total}; they must add up to exactly 100.</source>
        <translation>启用的考核指标权重合计为 {total}，必须正好等于 100。</translation>
    </message>
    <message>
        <source>This person already has a target for this KPI in {period}.</source>
        <translation>此人在 {period} 已有该考核指标的目标。</translation>
    </message>
    <message>
        <source>Tier thresholds must be in descending order (tier {n}: {value}).</source>
        <translation>档位阈值须按降序排列（第 {n} 档：{value}）。</translation>
    </message>
    <message>
        <source>Tier {n} must be a pair [threshold, score] of numbers.</source>
        <translation>第 {n} 档须是一对数字 [阈值, 分数]。</translation>
    </message>
    <message>
        <source>Tier {n}: the score must be 0–100.</source>
        <translation>第 {n} 档：分数须在 0–100 之间。</translation>
    </message>
    <message>
        <source>Tiered scoring needs tiers: [[threshold, score], …], highest first.</source>
        <translation>分档计分需要设置档位：[[阈值, 分数], …]，最高档在前。</translation>
    </message>
    <message>
        <source>Unknown parameter(s) for {rule}: {keys}.</source>
        <translation>{rule} 的未知参数：{keys}。</translation>
    </message>
    <message>
        <source>Upper-case letters, digits and _ only, starting with a letter.</source>
        <translation>只能包含大写字母、数字和 _，且以字母开头。</translation>
    </message>
    <message>
        <source>Write the bands as A:90, B:80, C:70, D:60, E:0.</source>
        <translation>等级区间写作 A:90, B:80, C:70, D:60, E:0。</translation>
    </message>
    <message>
        <source>a manager score for: {kpis}</source>
        <translation>以下指标的上级评分：{kpis}</translation>
    </message>
    <message>
        <source>a self score for: {kpis}</source>
        <translation>以下指标的自评：{kpis}</translation>
    </message>
    <message>
        <source>change the self-assessment</source>
        <translation>修改自我评价</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>enter actuals</source>
        <translation>录入实际值</translation>
    </message>
    <message>
        <source>return it to the person</source>
        <translation>退回本人</translation>
    </message>
    <message>
        <source>score as manager</source>
        <translation>进行上级评分</translation>
    </message>
    <message>
        <source>the appraisal at “{status}”</source>
        <translation>绩效考核处于“{status}”</translation>
    </message>
    <message>
        <source>the manager&apos;s comments</source>
        <translation>上级评语</translation>
    </message>
    <message>
        <source>the self-assessment</source>
        <translation>自我评价</translation>
    </message>
    <message>
        <source>{kpi} is computed from the records; its actual is not typed in.</source>
        <translation>{kpi} 由业务记录自动计算，实际值不能手工录入。</translation>
    </message>
    <message>
        <source>{n} appraisal line(s) use this KPI.</source>
        <translation>有 {n} 条考核明细使用了该考核指标。</translation>
    </message>
    <message>
        <source>{n} target(s) use this KPI.</source>
        <translation>有 {n} 个目标使用了该考核指标。</translation>
    </message>
    <message>
        <source>{period} is a {actual} period, not {given}.</source>
        <translation>{period} 属于{actual}，不是{given}。</translation>
    </message>
    <message>
        <source>{period} is not a {given} period.</source>
        <translation>{period} 不是{given}期间。</translation>
    </message>
</context>
<context>
    <name>PerformancePrinter</name>
    <message>
        <source>%1 appraisal sheet(s) printed into one PDF:
%2</source>
        <translation>已将 %1 份考核表打印为一个 PDF：
%2</translation>
    </message>
    <message>
        <source>%1 appraisal sheet(s) printed, one PDF per person, into
%2</source>
        <translation>已打印 %1 份考核表（每人一个 PDF），保存在
%2</translation>
    </message>
    <message>
        <source>Appraisal sheet</source>
        <translation>考核表</translation>
    </message>
    <message>
        <source>Batch appraisal sheets</source>
        <translation>批量打印考核表</translation>
    </message>
    <message>
        <source>Making the sales report</source>
        <translation>正在生成销售报表</translation>
    </message>
    <message>
        <source>No PDF viewer could be started. The file is at %1</source>
        <translation>无法启动 PDF 阅读器。文件位于 %1</translation>
    </message>
    <message>
        <source>No file manager could be started. The PDFs are in %1</source>
        <translation>无法启动文件管理器。PDF 位于 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>PDF in Chinese (*.pdf)</source>
        <translation>中文 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF in English (*.pdf)</source>
        <translation>英文 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <source>Printing appraisal sheets</source>
        <translation>正在打印考核表</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Save the appraisal sheet of %1</source>
        <translation>保存 %1 的考核表</translation>
    </message>
</context>
<context>
    <name>PerformanceTab</name>
    <message>
        <source>%1 (me)</source>
        <translation>%1（我）</translation>
    </message>
    <message>
        <source>%1 KPI(s) without a score yet (no target or nothing to measure: —)</source>
        <translation>%1 项考核指标尚无得分（无目标或无可计量数据：—）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 — the charts of the sales report</source>
        <translation>%1 · %2 — 销售报表图表</translation>
    </message>
    <message>
        <source>%1 · %2 — total score by person</source>
        <translation>%1 · %2 — 个人总分</translation>
    </message>
    <message>
        <source>%1: %2 people</source>
        <translation>%1：%2 人</translation>
    </message>
    <message>
        <source>%1: total %2, grade %3</source>
        <translation>%1：合计 %2，等级 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 — total score &lt;b&gt;%3&lt;/b&gt; · grade &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 — 总分 &lt;b&gt;%3&lt;/b&gt; · 等级 &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Adding up %1…</source>
        <translation>正在汇总 %1…</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>绩效考核</translation>
    </message>
    <message>
        <source>Appraisal sheet PDF…</source>
        <translation>考核表 PDF…</translation>
    </message>
    <message>
        <source>Appraisal: %1 — total %2, grade %3 (frozen)</source>
        <translation>绩效考核：%1 — 合计 %2，等级 %3（已锁定）</translation>
    </message>
    <message>
        <source>Appraisal: %1 — total so far %2, grade %3</source>
        <translation>绩效考核：%1 — 当前合计 %2，等级 %3</translation>
    </message>
    <message>
        <source>Batch sheets…</source>
        <translation>批量打印考核表…</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>考核维度</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Manager review…</source>
        <translation>上级评分…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No appraisal for %1 yet.</source>
        <translation>%1尚无绩效考核。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>绩效</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Pick one person; for a whole team use Batch sheets…</source>
        <translation>请选择一个人；整个团队请用“批量打印考核表…”</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Print the sheets of a whole team: one combined PDF or one PDF per person</source>
        <translation>打印整个团队的考核表：合并为一个 PDF 或每人一个 PDF</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Report charts</source>
        <translation>报表图表</translation>
    </message>
    <message>
        <source>Sales department (all teams)</source>
        <translation>销售部（所有团队）</translation>
    </message>
    <message>
        <source>Sales report…</source>
        <translation>销售报表…</translation>
    </message>
    <message>
        <source>Save the appraisal sheet of the person and period shown as a PDF and open it</source>
        <translation>将当前人员和考核期的考核表保存为 PDF 并打开</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Self-assessment…</source>
        <translation>自评…</translation>
    </message>
    <message>
        <source>Show the appraisal sheet as it will print, and print it from there</source>
        <translation>预览考核表的打印效果，并在预览中打印</translation>
    </message>
    <message>
        <source>Start appraisal…</source>
        <translation>发起考核…</translation>
    </message>
    <message>
        <source>Start self-assessment…</source>
        <translation>开始自评…</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Team members (double-click to open)</source>
        <translation>团队成员（双击打开）</translation>
    </message>
    <message>
        <source>The monthly, quarterly or yearly sales report with its charts, as a PDF</source>
        <translation>月度、季度或年度销售报表（含图表），生成 PDF</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>View appraisal…</source>
        <translation>查看考核…</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权得分</translation>
    </message>
    <message>
        <source>Whole team: %1</source>
        <translation>整个团队：%1</translation>
    </message>
    <message>
        <source>YoY growth</source>
        <translation>同比增长</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Only a manager can reassign responsibility.</source>
        <translation>只有经理可以更换负责人。</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can answer feedback.</source>
        <translation>只有经理或管理员可以答复反馈。</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can change KPIs.</source>
        <translation>只有经理或管理员可以修改考核指标。</translation>
    </message>
    <message>
        <source>Only a manager or an administrator can change the catalogue.</source>
        <translation>只有经理或管理员可以修改产品目录。</translation>
    </message>
    <message>
        <source>Only after-sales staff or the customer&apos;s rep (or their manager) can open a ticket for this customer.</source>
        <translation>只有售后人员或该客户的销售代表（或其上级）可以为该客户创建工单。</translation>
    </message>
    <message>
        <source>Only after-sales staff, the assignee or the customer&apos;s rep (or their manager) can work on this ticket.</source>
        <translation>只有售后人员、处理人或该客户的销售代表（或其上级）可以处理此工单。</translation>
    </message>
    <message>
        <source>Only an administrator can manage users and teams.</source>
        <translation>只有管理员可以管理用户和团队。</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record attendance.</source>
        <translation>只有组织者、经理或参加者本人可以记录出勤。</translation>
    </message>
    <message>
        <source>Only the person appraised can write their self-assessment.</source>
        <translation>只有被考核人本人可以填写自我评价。</translation>
    </message>
    <message>
        <source>Only the person or their manager can start their appraisal.</source>
        <translation>只有本人或其上级可以发起其绩效考核。</translation>
    </message>
    <message>
        <source>Only the person&apos;s manager can score, comment on and confirm their appraisal.</source>
        <translation>只有直接上级可以评分、填写评语并确认绩效考核。</translation>
    </message>
    <message>
        <source>Only the person&apos;s manager can set their targets.</source>
        <translation>只有直接上级可以设定其目标。</translation>
    </message>
    <message>
        <source>Only the team&apos;s manager can see the whole team&apos;s KPIs.</source>
        <translation>只有团队经理可以查看整个团队的考核指标。</translation>
    </message>
    <message>
        <source>You may only add action items to your own meetings.</source>
        <translation>你只能为自己的会议添加行动项。</translation>
    </message>
    <message>
        <source>You may only change your own records or your team&apos;s.</source>
        <translation>你只能修改自己或本团队的记录。</translation>
    </message>
    <message>
        <source>You may only print your own sheet, or your team&apos;s as manager.</source>
        <translation>你只能打印自己的考核表；经理可打印本团队的。</translation>
    </message>
    <message>
        <source>You may only see your own KPIs, or your team&apos;s as manager.</source>
        <translation>你只能查看自己的考核指标；经理可查看本团队的。</translation>
    </message>
    <message>
        <source>You may only see your own appraisal, or your team&apos;s as manager.</source>
        <translation>你只能查看自己的绩效考核；经理可查看本团队的。</translation>
    </message>
    <message>
        <source>You may only see your own records or your team&apos;s.</source>
        <extracomment>the columns of the board, left to right list-view sort key → SQL expression</extracomment>
        <translation>你只能查看自己或本团队的记录。</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>A lost opportunity can only be reopened as a lead.</source>
        <translation>丢单的商机只能重新打开为线索。</translation>
    </message>
    <message>
        <source>A won opportunity is final; its contract carries on.</source>
        <translation>赢单的商机已是最终状态，后续由合同继续。</translation>
    </message>
    <message>
        <source>A won or lost opportunity is closed; reopen it to edit.</source>
        <translation>赢单或丢单的商机已关闭，重新打开后才能编辑。</translation>
    </message>
    <message>
        <source>Cannot move to {stage} yet. Missing:</source>
        <translation>尚不能推进到“{stage}”，还缺：</translation>
    </message>
    <message>
        <source>Moving back to {stage} needs:</source>
        <translation>退回到“{stage}”需要：</translation>
    </message>
    <message>
        <source>Only a manager can reopen a lost opportunity.</source>
        <translation>只有经理可以重新打开丢单的商机。</translation>
    </message>
    <message>
        <source>The opportunity is closed; it takes no new quotes.</source>
        <translation>该商机已关闭，不能再新建报价单。</translation>
    </message>
    <message>
        <source>a lost reason (price, spec, logistics, …)</source>
        <translation>丢单原因（价格、规格、物流…）</translation>
    </message>
    <message>
        <source>a note saying why</source>
        <translation>说明原因的备注</translation>
    </message>
    <message>
        <source>a quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>a signed contract</source>
        <translation>已签订的合同</translation>
    </message>
    <message>
        <source>the product the customer needs</source>
        <translation>客户所需的产品</translation>
    </message>
    <message>
        <source>the quantity the customer needs</source>
        <translation>客户所需的数量</translation>
    </message>
    <message>
        <source>the tender&apos;s bid deadline</source>
        <translation>招标的投标截止日期</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>%1 moved to %2.</source>
        <translation>%1 已移至“%2”。</translation>
    </message>
    <message>
        <source>%1 open · weighted %2</source>
        <translation>%1 个进行中 · 加权 %2</translation>
    </message>
    <message>
        <source>Advance ▶</source>
        <translation>推进 ▶</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Closing this month</source>
        <translation>本月成交</translation>
    </message>
    <message>
        <source>Closing this quarter</source>
        <translation>本季度成交</translation>
    </message>
    <message>
        <source>Closing this year</source>
        <translation>本年成交</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Contract draft %1 made from the quote; it is in the Contracts tab.</source>
        <translation>已根据报价单生成合同草稿 %1，可在“合同”页查看。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>阶段天数</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>List view</source>
        <translation>列表视图</translation>
    </message>
    <message>
        <source>Mark lost…</source>
        <translation>标记丢单…</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>移至…</translation>
    </message>
    <message>
        <source>My team</source>
        <translation>我的团队</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>New quote version</source>
        <translation>新建报价单版本</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <extracomment>re-emitted from the quote editor (QuoteDTO): the seam for the quote PDF and the contract</extracomment>
        <translation>销售管道</translation>
    </message>
    <message>
        <source>Prob.</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>The edited stage guides were not used: %1</source>
        <translation>未使用修改过的阶段指引：%1</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权</translation>
    </message>
</context>
<context>
    <name>PrintDialogs</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>The print preview needs pypdfium2 or poppler&apos;s pdftoppm. Open the PDF instead and print it from the PDF viewer.</source>
        <translation>打印预览需要 pypdfium2 或 poppler 的 pdftoppm。请改为打开 PDF，在 PDF 阅读器中打印。</translation>
    </message>
</context>
<context>
    <name>QuoteEditor</name>
    <message>
        <source>Add analyte</source>
        <translation>添加化验项目</translation>
    </message>
    <message>
        <source>CNY per USD</source>
        <translation>每美元折人民币</translation>
    </message>
    <message>
        <source>Choose price terms.</source>
        <translation>请选择计价条款。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Currency, VAT and payment</source>
        <translation>币种、增值税与付款</translation>
    </message>
    <message>
        <source>Enter the %1 index value.</source>
        <translation>请输入 %1 指数值。</translation>
    </message>
    <message>
        <source>Enter the FX rate (CNY per USD).</source>
        <translation>请输入汇率（每美元折人民币）。</translation>
    </message>
    <message>
        <source>Enter the quantity.</source>
        <translation>请输入数量。</translation>
    </message>
    <message>
        <source>FX</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>FX (CNY per USD)</source>
        <translation>汇率（人民币/美元）</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>贸易术语</translation>
    </message>
    <message>
        <source>Index %1 (%2/%3)</source>
        <translation>指数 %1（%2/%3）</translation>
    </message>
    <message>
        <source>Index %1: not a number.</source>
        <translation>指数 %1：不是数字。</translation>
    </message>
    <message>
        <source>Latest published %1 quote, of %2</source>
        <translation>%1 最新公布价，日期 %2</translation>
    </message>
    <message>
        <source>Lot of %1 %2</source>
        <translation>整批 %1 %2</translation>
    </message>
    <message>
        <source>Must be a number.</source>
        <translation>必须是数字。</translation>
    </message>
    <message>
        <source>No price yet</source>
        <translation>尚无价格</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Open price terms</source>
        <translation>打开计价条款</translation>
    </message>
    <message>
        <source>Open terms file…</source>
        <translation>打开条款文件…</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <source>Per %1</source>
        <translation>每 %1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>港口</translation>
    </message>
    <message>
        <source>Price breakdown</source>
        <translation>价格明细</translation>
    </message>
    <message>
        <source>Price terms (*.json)</source>
        <translation>计价条款 (*.json)</translation>
    </message>
    <message>
        <source>Price terms, index and expected assay</source>
        <translation>计价条款、指数与预期化验</translation>
    </message>
    <message>
        <source>Prices include VAT</source>
        <translation>价格含增值税</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Quantity: not a number.</source>
        <translation>数量：不是数字。</translation>
    </message>
    <message>
        <source>Quote %1 — version %2</source>
        <translation>报价单 %1 — 第 %2 版</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Save as version %1</source>
        <translation>保存为第 %1 版</translation>
    </message>
    <message>
        <source>Terms of version %1</source>
        <translation>第 %1 版的条款</translation>
    </message>
    <message>
        <source>The expected assay is beyond a reject limit: %1</source>
        <translation>预期化验超出拒收限值：%1</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>溢短装</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>溢短装 ± %</translation>
    </message>
    <message>
        <source>Total %1 %2 for %3 %4</source>
        <translation>合计 %1 %2（%3 %4）</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>增值税</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>增值税 %</translation>
    </message>
    <message>
        <source>VAT: not a number.</source>
        <translation>增值税：不是数字。</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>What changed in this version</source>
        <translation>本版本的变更内容</translation>
    </message>
    <message>
        <source>e.g. 90% against documents, balance on final assay</source>
        <translation>例如：凭单据付 90%，余款按最终化验结算</translation>
    </message>
    <message>
        <source>e.g. 日照港 Rizhao</source>
        <translation>例如：日照港</translation>
    </message>
    <message>
        <source>excl. VAT</source>
        <translation>不含税</translation>
    </message>
    <message>
        <source>incl. VAT</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>tonnes</source>
        <translation>吨</translation>
    </message>
    <message>
        <source>value on the quote date</source>
        <translation>报价日的数值</translation>
    </message>
</context>
<context>
    <name>QuotePdfExport</name>
    <message>
        <source>Export quote %1</source>
        <translation>导出报价单 %1</translation>
    </message>
    <message>
        <source>No PDF viewer could be started. The file is at %1</source>
        <translation>无法启动 PDF 阅读器。文件位于 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>PDF in Chinese (*.pdf)</source>
        <translation>中文 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF in English (*.pdf)</source>
        <translation>英文 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Quote PDF</source>
        <translation>报价单 PDF</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The quote PDF was not made: %1</source>
        <translation>未能生成报价单 PDF：%1</translation>
    </message>
</context>
<context>
    <name>Quotes</name>
    <message>
        <source>A sent quote is not edited; make a new version instead.</source>
        <translation>已发出的报价单不能修改，请新建一个版本。</translation>
    </message>
    <message>
        <source>A {current} quote cannot become {target}.</source>
        <translation>处于“{current}”的报价单不能变为“{target}”。</translation>
    </message>
    <message>
        <source>The quote has expired; make a new version.</source>
        <translation>报价单已过期，请新建一个版本。</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Current owner</source>
        <translation>当前负责人</translation>
    </message>
    <message>
        <source>Give a reason; it is kept in the customer&apos;s history.</source>
        <translation>请填写理由，它会记入客户历史。</translation>
    </message>
    <message>
        <source>New owner</source>
        <translation>新负责人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Reassign owner — {name}</source>
        <translation>更换负责人 — {name}</translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>
What it held:%1</source>
        <translation>
记录内容：%1</translation>
    </message>
    <message>
        <source>%1 — %2: %3
Reason: %4</source>
        <translation>%1 — %2：%3
原因：%4</translation>
    </message>
    <message>
        <source>%1 — a new record the server refused.
Reason: %2
It was removed from this computer. Once the reason is dealt with, enter it again.%3</source>
        <translation>%1 — 服务器拒绝了这条新记录。
原因：%2
它已从本机删除。处理好上述原因后，请重新录入。%3</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>忽略(&amp;D)</translation>
    </message>
    <message>
        <source>No rejected changes.</source>
        <translation>没有被拒绝的更改。</translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <source>The server refused these changes. A refused change to a record: this computer shows the server&apos;s value again. A refused new record: it was removed from this computer; select it to see what it held, to enter it again. Ask your manager if a change should be made.</source>
        <translation>服务器拒绝了这些更改。被拒绝的修改：本机已恢复显示服务器的值。被拒绝的新记录：已从本机删除；选中它可查看记录内容，以便重新录入。如需修改，请咨询你的上级。</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>My value</source>
        <translation>我的值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝时间</translation>
    </message>
</context>
<context>
    <name>ReportChartsView</name>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Claimed %1 %2</source>
        <translation>索赔 %1 %2</translation>
    </message>
    <message>
        <source>How was it resolved? (re-assay result, credit note, …)</source>
        <translation>如何处理的？（复验结果、贷项通知单…）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Nothing was claimed</source>
        <translation>未提出索赔</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Resolve ticket</source>
        <translation>处理工单</translation>
    </message>
    <message>
        <source>Settled amount</source>
        <translation>理赔金额</translation>
    </message>
</context>
<context>
    <name>ReturnVisitDialog</name>
    <message>
        <source>1 — Very dissatisfied</source>
        <translation>1 — 非常不满意</translation>
    </message>
    <message>
        <source>2 — Dissatisfied</source>
        <translation>2 — 不满意</translation>
    </message>
    <message>
        <source>3 — Neutral</source>
        <translation>3 — 一般</translation>
    </message>
    <message>
        <source>4 — Satisfied</source>
        <translation>4 — 满意</translation>
    </message>
    <message>
        <source>5 — Very satisfied</source>
        <translation>5 — 非常满意</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Record review decision</source>
        <translation>录入评审结论</translation>
    </message>
    <message>
        <source>Required when rejecting: what must change</source>
        <translation>驳回时必填：需要修改什么</translation>
    </message>
</context>
<context>
    <name>Risk</name>
    <message>
        <source>A closed risk stays closed.</source>
        <translation>已关闭的风险不能重新打开。</translation>
    </message>
    <message>
        <source>A contract risk names the contract.</source>
        <translation>合同风险须指明合同。</translation>
    </message>
    <message>
        <source>A customer risk names the customer.</source>
        <translation>客户风险须指明客户。</translation>
    </message>
    <message>
        <source>A risk never moves back from {current} to {target}.</source>
        <translation>风险不能从“{current}”退回到“{target}”。</translation>
    </message>
    <message>
        <source>Cannot start mitigating yet. Missing:</source>
        <translation>尚不能开始应对，还缺：</translation>
    </message>
    <message>
        <source>The contract belongs to another customer.</source>
        <translation>该合同属于其他客户。</translation>
    </message>
    <message>
        <source>The risk is already {status}.</source>
        <translation>该风险已是“{status}”。</translation>
    </message>
    <message>
        <source>The risk is {current}; it cannot be {target} yet. Missing:</source>
        <translation>该风险当前为“{current}”，尚不能变为“{target}”，还缺：</translation>
    </message>
    <message>
        <source>mitigation in progress (say how the risk is handled)</source>
        <translation>应对进行中（说明如何处理该风险）</translation>
    </message>
    <message>
        <source>the mitigation: what is being done about the risk</source>
        <translation>应对措施：针对该风险正在做什么</translation>
    </message>
</context>
<context>
    <name>SalesReportDialog</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Make report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Save the sales report as</source>
        <translation>销售报表另存为</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Printed on appraisal sheets and reports</source>
        <translation>打印在考核表和报表上</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>ShipmentDialog</name>
    <message>
        <source>Add shipment (lot)</source>
        <translation>新增发运（批次）</translation>
    </message>
    <message>
        <source>Assay</source>
        <translation>化验</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>提单日期</translation>
    </message>
    <message>
        <source>Cannot read “%1”: write analyte=value, separated by commas.</source>
        <translation>无法识别“%1”：请按 项目=数值 填写，用逗号分隔。</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Load port</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Lot no.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Moisture H₂O %</source>
        <translation>水分 H₂O %</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Quantity (%1)</source>
        <translation>数量（%1）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>船名 / 车号</translation>
    </message>
    <message>
        <source>empty: next in sequence</source>
        <translation>留空：按顺序编号</translation>
    </message>
    <message>
        <source>optional, e.g. Fe=61.5, SiO2=4.2, Al2O3=2.3</source>
        <translation>选填，例如 Fe=61.5, SiO2=4.2, Al2O3=2.3</translation>
    </message>
    <message>
        <source>optional: records the load-port weight certificate</source>
        <translation>选填：记录装货港重量证书</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Sign contract</source>
        <translation>签订合同</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
</context>
<context>
    <name>StageGuides</name>
    <message>
        <source>cannot be read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>missing or not an object</source>
        <translation>缺失或不是对象</translation>
    </message>
    <message>
        <source>missing the guide of stage(s): {stages}</source>
        <translation>缺少以下阶段的指引：{stages}</translation>
    </message>
    <message>
        <source>missing the {language} guide</source>
        <translation>缺少 {language} 指引</translation>
    </message>
    <message>
        <source>must be a list of at least one text</source>
        <translation>必须是至少包含一条文本的列表</translation>
    </message>
    <message>
        <source>must be a non-empty text</source>
        <extracomment>the languages every guide must have, as the file names them</extracomment>
        <translation>必须是非空文本</translation>
    </message>
    <message>
        <source>must be an object with goal, do and watch</source>
        <translation>必须是包含 goal、do 和 watch 的对象</translation>
    </message>
    <message>
        <source>must be an object with zh and en</source>
        <translation>必须是包含 zh 和 en 的对象</translation>
    </message>
    <message>
        <source>must be {version}</source>
        <translation>必须是 {version}</translation>
    </message>
    <message>
        <source>not valid JSON: {error}</source>
        <translation>不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <source>the file must hold one JSON object</source>
        <translation>文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <source>unknown field (expected goal, do, watch)</source>
        <translation>未知字段（应为 goal、do、watch）</translation>
    </message>
    <message>
        <source>unknown language (expected zh and en)</source>
        <translation>未知语言（应为 zh 和 en）</translation>
    </message>
    <message>
        <source>unknown stage (stages are: {stages})</source>
        <translation>未知阶段（阶段有：{stages}）</translation>
    </message>
    <message>
        <source>written by a newer version of the program; please update</source>
        <translation>由更新版本的程序写入，请升级程序</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>An earlier batch of changes from this computer did not reach the sync server; please sync again.</source>
        <translation>本机较早的一批更改未送达同步服务器，请重新同步。</translation>
    </message>
    <message>
        <source>Another sync of this computer started while this one was still sending, so this one stopped. Nothing is lost: changes it did not send go with the next sync.</source>
        <translation>本机的另一次同步在本次发送期间开始，本次同步因此停止。数据不会丢失：未发送的更改将随下一次同步发送。</translation>
    </message>
    <message>
        <source>No database at {path}.</source>
        <translation>找不到数据库：{path}。</translation>
    </message>
    <message>
        <source>No password: set {variable} or run in a terminal.</source>
        <translation>没有密码：请设置环境变量 {variable}，或在终端中运行。</translation>
    </message>
    <message>
        <source>Password for {user} on {server}: </source>
        <translation>{user} 在 {server} 上的密码：</translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <source>Please update MineSales to sync with this server.</source>
        <translation>请升级 MineSales 后再与此服务器同步。</translation>
    </message>
    <message>
        <source>Please update MineSales to version {version} to sync with this server.</source>
        <translation>请将 MineSales 升级到 {version} 版本后再与此服务器同步。</translation>
    </message>
    <message>
        <source>Sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>The account {login} at {server} is not the account {bound} this database holds: it is another server, or this database was set up apart from it. Nothing was changed; check the server address in the sync settings, or ask IT.</source>
        <translation>服务器 {server} 上的账号 {login} 不是此数据库所属的账号 {bound}：它是另一台服务器，或此数据库并非与它一起设置。未做任何更改，请检查同步设置中的服务器地址，或联系 IT 人员。</translation>
    </message>
    <message>
        <source>The database on this computer is locked by another program or cannot be written, so the sync stopped. Nothing is lost: sync again once it is free.</source>
        <translation>本机数据库被其他程序锁定或无法写入，同步已停止。数据不会丢失：待其空闲后请再次同步。</translation>
    </message>
    <message>
        <source>The server at {server} has fewer changes ({head}) than this computer has already received ({cursor}): it is not the server this database syncs with, or it was restored from an older backup. Nothing was changed; please tell IT.</source>
        <translation>服务器 {server} 上的更改（{head}）比本机已接收的（{cursor}）还少：它不是此数据库同步的服务器，或已从较早的备份恢复。未做任何更改，请联系 IT 人员。</translation>
    </message>
    <message>
        <source>The server sent an answer this version of MineSales cannot read: {error}</source>
        <translation>服务器返回的应答无法被当前版本的 MineSales 识别：{error}</translation>
    </message>
    <message>
        <source>The sync answer could not be saved on this computer: {error}</source>
        <translation>同步结果无法保存到本机：{error}</translation>
    </message>
    <message>
        <source>The sync server answered with an error (HTTP {status}).</source>
        <translation>同步服务器返回错误（HTTP {status}）。</translation>
    </message>
    <message>
        <source>The sync server at {server} cannot be reached ({error}).</source>
        <translation>无法连接同步服务器 {server}（{error}）。</translation>
    </message>
    <message>
        <source>The sync server at {server} is not available at the moment (HTTP {status}).</source>
        <translation>同步服务器 {server} 暂时无法使用（HTTP {status}）。</translation>
    </message>
    <message>
        <source>The sync server could not read a request from this computer; please tell IT.</source>
        <translation>同步服务器无法识别本机发送的请求，请联系 IT 人员。</translation>
    </message>
    <message>
        <source>The sync server is busy at the moment; please try again shortly.</source>
        <translation>同步服务器暂时繁忙，请稍后重试。</translation>
    </message>
    <message>
        <source>The sync server refused a batch of changes as too large; please tell IT.</source>
        <translation>同步服务器因数据量过大拒收了一批更改，请联系 IT 人员。</translation>
    </message>
    <message>
        <source>The sync server reported an error: {message}</source>
        <translation>同步服务器报告错误：{message}</translation>
    </message>
    <message>
        <source>The sync server runs an older version of MineSales than this computer; ask IT to update the server.</source>
        <translation>同步服务器上的 MineSales 版本比本机旧，请联系 IT 人员升级服务器。</translation>
    </message>
    <message>
        <source>This account is disabled; ask your administrator.</source>
        <translation>此账户已停用，请联系系统管理员。</translation>
    </message>
    <message>
        <source>This database syncs as {bound}, not as {login}. Nothing was changed: sign in as {bound}, or use a database of your own for {login}.</source>
        <translation>此数据库以 {bound} 的身份同步，不能以 {login} 的身份同步。未做任何更改：请以 {bound} 登录，或为 {login} 使用单独的数据库。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Your sign-in has expired; please sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <source>a contract&apos;s status cannot move backwards ({old} → {new})</source>
        <translation>合同状态不能回退（{old} → {new}）</translation>
    </message>
    <message>
        <source>a network error</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>a required value is missing ({detail})</source>
        <translation>缺少必填值（{detail}）</translation>
    </message>
    <message>
        <source>a value is longer than its field allows ({detail})</source>
        <translation>有数值超出字段允许的长度（{detail}）</translation>
    </message>
    <message>
        <source>a value is out of range ({detail})</source>
        <translation>有数值超出允许范围（{detail}）</translation>
    </message>
    <message>
        <source>another record already has this value ({detail})</source>
        <translation>已有其他记录使用此值（{detail}）</translation>
    </message>
    <message>
        <source>approving a contract needs the manager role</source>
        <translation>只有经理可以批准合同</translation>
    </message>
    <message>
        <source>it refers to a record the server does not have ({detail})</source>
        <translation>引用了服务器上不存在的记录（{detail}）</translation>
    </message>
    <message>
        <source>no server with this name was found; check the server address in the sync settings, the network or the VPN</source>
        <translation>找不到此名称的服务器，请检查同步设置中的服务器地址、网络或 VPN</translation>
    </message>
    <message>
        <source>only a manager may change this kind of record ({table})</source>
        <translation>只有经理可以修改此类记录（{table}）</translation>
    </message>
    <message>
        <source>only an administrator may change users and teams</source>
        <translation>只有管理员可以修改用户和团队</translation>
    </message>
    <message>
        <source>outside your rights: the change would move the record out of your view</source>
        <translation>超出你的权限：此更改会使该记录移出你的可见范围</translation>
    </message>
    <message>
        <source>outside your rights: you could not see this record</source>
        <translation>超出你的权限：新记录不在你的可见范围内</translation>
    </message>
    <message>
        <source>outside your rights: you may not see this record</source>
        <translation>超出你的权限：你无权查看此记录</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>the connection was refused; the server may not be running</source>
        <translation>连接被拒绝，服务器可能未在运行</translation>
    </message>
    <message>
        <source>the contract is {status}; its status cannot change</source>
        <translation>合同已处于“{status}”状态，不能再更改状态</translation>
    </message>
    <message>
        <source>the record does not exist on the server</source>
        <translation>服务器上不存在此记录</translation>
    </message>
    <message>
        <source>the same change was sent twice</source>
        <translation>同一更改被重复发送</translation>
    </message>
    <message>
        <source>the secure connection failed; the server&apos;s certificate may not be trusted</source>
        <translation>安全连接失败，服务器证书可能不受信任</translation>
    </message>
    <message>
        <source>the server could not read the change: {detail}</source>
        <translation>服务器无法识别此更改：{detail}</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>服务器未及时响应</translation>
    </message>
    <message>
        <source>the server does not know this kind of record ({table})</source>
        <translation>服务器不支持此类记录（{table}）</translation>
    </message>
    <message>
        <source>the server&apos;s database refused it ({detail})</source>
        <translation>服务器数据库拒绝了此更改（{detail}）</translation>
    </message>
    <message>
        <source>the server&apos;s name could not be looked up; check the network connection</source>
        <translation>无法解析服务器名称，请检查网络连接</translation>
    </message>
    <message>
        <source>this computer has no network connection</source>
        <translation>本机没有网络连接</translation>
    </message>
    <message>
        <source>you may not change {field} of another user</source>
        <translation>你不能修改其他用户的{field}</translation>
    </message>
    <message>
        <source>your account is disabled</source>
        <translation>你的账户已停用</translation>
    </message>
    <message>
        <source>{server} is not a server address (http://HOST:PORT or https://…).</source>
        <translation>{server} 不是有效的服务器地址（应为 http://主机:端口 或 https://…）。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source> — %1 new in the conflict inbox, %2 rejected: see the Sync menu</source>
        <translation> — 冲突收件箱新增 %1 条，%2 项更改被拒绝：请查看“同步”菜单</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 个冲突</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>%n 条通知</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 个被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Conflict inbox…</source>
        <translation>冲突收件箱(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Rejected changes…</source>
        <translation>被拒绝的更改(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel s&amp;ync</source>
        <translation>取消同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Not synced: signing in was cancelled</source>
        <translation>未同步：已取消登录</translation>
    </message>
    <message>
        <source>Nothing was lost; your changes are still here.</source>
        <translation>没有丢失任何数据，你的更改仍在本机。</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>Offline — will retry in %n s</source>
        <translation>
            <numerusform>离线 — %n 秒后重试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline — will retry in about %n min</source>
        <translation>
            <numerusform>离线 — 约 %n 分钟后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending changes: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <source>Please update MineSales</source>
        <translation>请升级 MineSales</translation>
    </message>
    <message>
        <source>Send your changes and receive others&apos; (Ctrl+Shift+Y)</source>
        <translation>发送你的更改并接收他人的更改（Ctrl+Shift+Y）</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>同步已取消</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received</source>
        <translation>同步完成：发送 %1 条，接收 %2 条</translation>
    </message>
    <message>
        <source>Sync not set up</source>
        <translation>未设置同步</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sync s&amp;ettings…</source>
        <translation>同步设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Sync stopped because of an unexpected error: %1</source>
        <translation>同步因意外错误而中止：%1</translation>
    </message>
    <message>
        <source>Syncing: contacting the server…</source>
        <translation>正在同步：连接服务器…</translation>
    </message>
    <message>
        <source>Syncing: finishing…</source>
        <translation>正在同步：即将完成…</translation>
    </message>
    <message>
        <source>Syncing: receiving changes (%1)</source>
        <translation>正在同步：接收更改（%1）</translation>
    </message>
    <message>
        <source>Syncing: sending changes %1 of %2</source>
        <translation>正在同步：发送更改 %1/%2</translation>
    </message>
</context>
<context>
    <name>SyncDialogs</name>
    <message>
        <source>
    %1: %2</source>
        <translation>
    %1：%2</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <source>(access removed)</source>
        <translation>（访问权限已移除）</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>(new record)</source>
        <translation>（新记录）</translation>
    </message>
    <message>
        <source>(not shown)</source>
        <translation>（不显示）</translation>
    </message>
    <message>
        <source>(whole record)</source>
        <translation>（整条记录）</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Action item</source>
        <translation>行动项</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Analyte</source>
        <translation>化验项目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>Appraisal</source>
        <translation>绩效考核</translation>
    </message>
    <message>
        <source>Appraisal line</source>
        <translation>考核明细</translation>
    </message>
    <message>
        <source>Appraisee</source>
        <translation>被考核人</translation>
    </message>
    <message>
        <source>Appraiser</source>
        <translation>考核人</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Assay</source>
        <translation>化验</translation>
    </message>
    <message>
        <source>Assay result</source>
        <translation>化验结果</translation>
    </message>
    <message>
        <source>Assayed on</source>
        <translation>化验日期</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>B/L date</source>
        <translation>提单日期</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>Bid deadline</source>
        <translation>投标截止</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Certificate date</source>
        <translation>证书日期</translation>
    </message>
    <message>
        <source>Changed at</source>
        <translation>变更时间</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Claimed amount</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Confirmed at</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Contract review</source>
        <translation>合同评审</translation>
    </message>
    <message>
        <source>Contract status change</source>
        <translation>合同状态变更</translation>
    </message>
    <message>
        <source>Contract type</source>
        <translation>合同类型</translation>
    </message>
    <message>
        <source>Contract value</source>
        <translation>合同金额</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Credit days</source>
        <translation>信用期（天）</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Credit profile</source>
        <translation>信用档案</translation>
    </message>
    <message>
        <source>Credit rating</source>
        <translation>信用评级</translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation>信用评分</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>评审时间</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>决策角色</translation>
    </message>
    <message>
        <source>Default price index</source>
        <translation>默认价格指数</translation>
    </message>
    <message>
        <source>Definition (Chinese)</source>
        <translation>指标定义（中文）</translation>
    </message>
    <message>
        <source>Definition (English)</source>
        <translation>指标定义（英文）</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Dimension (Chinese)</source>
        <translation>考核维度（中文）</translation>
    </message>
    <message>
        <source>Dimension (English)</source>
        <translation>考核维度（英文）</translation>
    </message>
    <message>
        <source>Direct manager</source>
        <translation>直接上级</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>指标方向</translation>
    </message>
    <message>
        <source>Discharge port</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Dry tonnes (dmt)</source>
        <translation>干吨 (dmt)</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <source>Estimated value</source>
        <translation>预计金额</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>考试成绩</translation>
    </message>
    <message>
        <source>Expected assay</source>
        <translation>预期化验值</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Exposure amount</source>
        <translation>敞口金额</translation>
    </message>
    <message>
        <source>FX rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>From stage</source>
        <translation>原阶段</translation>
    </message>
    <message>
        <source>From status</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>会议时间</translation>
    </message>
    <message>
        <source>Hired on</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影响程度</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>In stage since</source>
        <translation>进入本阶段时间</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>贸易术语</translation>
    </message>
    <message>
        <source>Index price</source>
        <translation>指数价</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>出具机构</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>KPI target</source>
        <translation>考核目标</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>化验室</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改时间</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>可能性</translation>
    </message>
    <message>
        <source>Load port</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Lost note</source>
        <translation>丢单说明</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Manager comments</source>
        <translation>上级评语</translation>
    </message>
    <message>
        <source>Manager score</source>
        <translation>上级评分</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>Mitigation</source>
        <translation>应对措施</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Moisture H₂O %</source>
        <translation>水分 H₂O %</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Net amount (excl. VAT)</source>
        <translation>金额（不含税）</translation>
    </message>
    <message>
        <source>New owner</source>
        <translation>新负责人</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <source>Next action date</source>
        <translation>下一步行动日期</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>超限理由</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>出具方</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>付款条件</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核期</translation>
    </message>
    <message>
        <source>Period type</source>
        <translation>周期类型</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Port / place</source>
        <translation>港口 / 地点</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Previous owner</source>
        <translation>原负责人</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Price date</source>
        <translation>价格日期</translation>
    </message>
    <message>
        <source>Price index</source>
        <translation>价格指数</translation>
    </message>
    <message>
        <source>Price terms</source>
        <translation>计价条款</translation>
    </message>
    <message>
        <source>Pricing method</source>
        <translation>计价方式</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>培训方</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Provisional invoice %</source>
        <translation>暂定发票比例 %</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布机构</translation>
    </message>
    <message>
        <source>Quality spec</source>
        <translation>质量指标</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Quantity (wmt)</source>
        <translation>数量（湿吨）</translation>
    </message>
    <message>
        <source>Quantity unit</source>
        <translation>数量单位</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Quote number</source>
        <translation>报价单号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Reassignment</source>
        <translation>负责人变更</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Reject above</source>
        <translation>拒收上限</translation>
    </message>
    <message>
        <source>Reject below</source>
        <translation>拒收下限</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>评审人</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 到期</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Score snapshot</source>
        <translation>评分快照</translation>
    </message>
    <message>
        <source>Scoring parameters</source>
        <translation>计分参数</translation>
    </message>
    <message>
        <source>Scoring rule</source>
        <translation>计分规则</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>担保方式</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>自评</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>自我评价</translation>
    </message>
    <message>
        <source>Service ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Settled amount</source>
        <translation>理赔金额</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发运</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Termination reason</source>
        <translation>终止理由</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>负责区域</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Ticket status change</source>
        <translation>工单状态变更</translation>
    </message>
    <message>
        <source>Ticket type</source>
        <translation>工单类型</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>客户分级</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>To stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <source>To status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Tolerance option</source>
        <translation>溢短装选择权</translation>
    </message>
    <message>
        <source>Tolerance ± %</source>
        <translation>溢短装 ± %</translation>
    </message>
    <message>
        <source>Total (incl. VAT)</source>
        <translation>价税合计</translation>
    </message>
    <message>
        <source>Total amount</source>
        <translation>总金额</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Training attendance</source>
        <translation>培训出勤</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Typical</source>
        <translation>典型值</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>VAT %</source>
        <translation>增值税 %</translation>
    </message>
    <message>
        <source>VAT amount</source>
        <translation>增值税额</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Vessel / vehicle</source>
        <translation>船名 / 车号</translation>
    </message>
    <message>
        <source>Visited at</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weight certificate</source>
        <translation>重量证书</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>加权得分</translation>
    </message>
    <message>
        <source>Wet tonnes (wmt)</source>
        <translation>湿吨 (wmt)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>With</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>it refers to a record that is not on this computer</source>
        <translation>它引用的记录不在本机上</translation>
    </message>
    <message>
        <source>it refers to a record the server does not have</source>
        <translation>它引用的记录在服务器上不存在</translation>
    </message>
    <message>
        <source>{field} has a value the server does not accept</source>
        <translation>服务器不接受 {field} 的值</translation>
    </message>
    <message>
        <source>{field} has a value this computer does not accept</source>
        <translation>本机不接受 {field} 的值</translation>
    </message>
    <message>
        <source>{field} is already used by another record</source>
        <translation>{field} 已被另一条记录使用</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} 为必填项</translation>
    </message>
    <message>
        <source>{field} is required but has no value</source>
        <translation>{field} 为必填项，但没有值</translation>
    </message>
    <message>
        <source>{field} is the same as a record already on this computer</source>
        <translation>{field} 与本机已有的记录相同</translation>
    </message>
    <message>
        <source>{field} refers to a record that is not on this computer</source>
        <translation>{field} 引用的记录不在本机上</translation>
    </message>
    <message>
        <source>{field} refers to a record the server does not have</source>
        <translation>{field} 引用的记录在服务器上不存在</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Enter the server address, starting with https:// or http://.</source>
        <translation>请输入以 https:// 或 http:// 开头的服务器地址。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or IP address after %1, e.g. %1sync.example.com.</source>
        <translation>请在 %1 之后输入服务器名称或 IP 地址，例如 %1sync.example.com。</translation>
    </message>
    <message>
        <source>Enter your user name on the sync server.</source>
        <translation>请输入你在同步服务器上的用户名。</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the server address: enter the user name below; the password is asked when you sync.</source>
        <translation>服务器地址中不要包含用户名和密码：用户名请在下方填写，密码在同步时询问。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>同步设置</translation>
    </message>
    <message>
        <source>The password is asked when you sync and is never saved to disk; you may keep it in memory until you close MineSales.</source>
        <translation>密码在同步时询问，从不保存到磁盘；可以选择在关闭 MineSales 之前保留在内存中。</translation>
    </message>
    <message>
        <source>The port (the number after the colon) must be from 1 to 65535.</source>
        <translation>端口（冒号后面的数字）必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>The server address cannot contain spaces: check what was typed or pasted.</source>
        <translation>服务器地址不能包含空格：请检查输入或粘贴的内容。</translation>
    </message>
    <message>
        <source>The server address cannot contain “?” or “#”.</source>
        <translation>服务器地址不能包含“?”或“#”。</translation>
    </message>
    <message>
        <source>The server address must start with https:// or http://.</source>
        <translation>服务器地址必须以 https:// 或 http:// 开头。</translation>
    </message>
    <message>
        <source>This database syncs as %1. A sync as %2 will be refused and nothing on this computer changes: sign in as %1, or use a database of your own for %2.</source>
        <translation>此数据库以 %1 的身份同步。以 %2 的身份同步将被拒绝，本机不会有任何更改：请以 %1 登录，或为 %2 使用单独的数据库。</translation>
    </message>
    <message>
        <source>This database syncs with %1. If %2 is the same server at a new address, that is fine. If it is a different server, the sync will be refused and nothing on this computer changes: to sync with another server, start a new database (File → New database…).</source>
        <translation>此数据库与 %1 同步。如果 %2 是同一服务器的新地址，可以继续使用。如果是另一台服务器，同步将被拒绝，本机不会有任何更改：如需与其他服务器同步，请新建数据库（文件 → 新建数据库…）。</translation>
    </message>
    <message>
        <source>Type the server address with half-width punctuation (: / .), not full-width (： ／ 。).</source>
        <translation>请用半角标点（: / .）输入服务器地址，不要用全角标点（： ／ 。）。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>e.g. https://sync.example.com:8765</source>
        <translation>例如 https://sync.example.com:8765</translation>
    </message>
    <message>
        <source>“%1” is not a server name: use letters, digits, hyphens, underscores and dots only.</source>
        <translation>“%1”不是有效的服务器名称：只能使用字母、数字、连字符（-）、下划线（_）和点（.）。</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>A finished action item cannot be changed.</source>
        <translation>已完成的行动项不能修改。</translation>
    </message>
    <message>
        <source>A one-to-one is with someone else than its organiser.</source>
        <translation>一对一会议的对象不能是组织者本人。</translation>
    </message>
    <message>
        <source>A one-to-one needs the person it is with.</source>
        <translation>一对一会议需要指定对象。</translation>
    </message>
    <message>
        <source>A team meeting needs the team.</source>
        <translation>团队会议需要指定团队。</translation>
    </message>
    <message>
        <source>An action item cannot be moved to another meeting.</source>
        <translation>行动项不能转到其他会议。</translation>
    </message>
    <message>
        <source>An attendance record cannot be moved to another person or training.</source>
        <translation>出勤记录不能转给其他人或其他培训。</translation>
    </message>
    <message>
        <source>At most the training&apos;s {hours} h.</source>
        <translation>最多为培训的 {hours} 小时。</translation>
    </message>
    <message>
        <source>Someone absent has no training hours.</source>
        <translation>缺勤人员没有培训学时。</translation>
    </message>
    <message>
        <source>Someone is already credited with {hours} h of this training.</source>
        <translation>已有人员记入本培训 {hours} 小时。</translation>
    </message>
    <message>
        <source>The due date is before the meeting.</source>
        <translation>到期日早于会议日期。</translation>
    </message>
    <message>
        <source>The meeting has {n} open action item(s).</source>
        <translation>该会议还有 {n} 个未完成的行动项。</translation>
    </message>
    <message>
        <source>This action item is already {status}.</source>
        <translation>该行动项已是“{status}”。</translation>
    </message>
    <message>
        <source>This person&apos;s attendance is already recorded.</source>
        <translation>此人的出勤已记录。</translation>
    </message>
    <message>
        <source>{n} attendance record(s) refer to this training.</source>
        <translation>有 {n} 条出勤记录关联此培训。</translation>
    </message>
</context>
<context>
    <name>TeamTab</name>
    <message numerus="yes">
        <source>%n new suggestion(s)</source>
        <translation>
            <numerusform>%n 条新建议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open action item(s)</source>
        <translation>
            <numerusform>%n 个未完成行动项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Suggestion box</source>
        <translation>建议箱</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Terminate contract</source>
        <translation>终止合同</translation>
    </message>
</context>
<context>
    <name>TicketCreateDialog</name>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 个</translation>
    </message>
    <message>
        <source>%1 found; the first %2 are listed — type more to narrow</source>
        <translation>找到 %1 个，仅列出前 %2 个 — 请继续输入以缩小范围</translation>
    </message>
    <message>
        <source>%1 wmt</source>
        <translation>%1 湿吨</translation>
    </message>
    <message>
        <source>(no particular contract)</source>
        <translation>（不指定合同）</translation>
    </message>
    <message>
        <source>(the whole contract)</source>
        <translation>（整个合同）</translation>
    </message>
    <message>
        <source>Claimed amount</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Name, pinyin initials, code, USCC or phone — then pick below</source>
        <translation>名称、拼音首字母、编码、统一社会信用代码或电话 — 然后在下方选择</translation>
    </message>
    <message>
        <source>New service ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>No customer matches</source>
        <translation>没有匹配的客户</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Resolve within %1 h of receipt (%2 days)</source>
        <translation>受理后 %1 小时内处理完毕（%2 天）</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>Tickets</name>
    <message>
        <source>A closed ticket cannot be changed.</source>
        <translation>已关闭的工单不能修改。</translation>
    </message>
    <message>
        <source>A resolution saying how the ticket was resolved.</source>
        <translation>说明工单如何处理的处理结果。</translation>
    </message>
    <message>
        <source>A return visit with the customer&apos;s satisfaction (1–5).</source>
        <translation>一次回访，含客户满意度（1–5）。</translation>
    </message>
    <message>
        <source>A ticket cannot be moved to another customer.</source>
        <translation>工单不能转到其他客户名下。</translation>
    </message>
    <message>
        <source>A ticket needs a customer, a contract or a lot to start from.</source>
        <extracomment>whether the signed-in user may move this ticket (the screen disables the actions if not)</extracomment>
        <translation>创建工单需要指定客户、合同或批次。</translation>
    </message>
    <message>
        <source>A ticket that is {status} can no longer be reassigned.</source>
        <translation>处于“{status}”的工单不能再改派。</translation>
    </message>
    <message>
        <source>Already settled at {settled}; the claim cannot be less.</source>
        <translation>已按 {settled} 理赔，索赔金额不能更低。</translation>
    </message>
    <message>
        <source>An assignee (assign the ticket to someone).</source>
        <translation>处理人（将工单分派给某人）。</translation>
    </message>
    <message>
        <source>Assign the ticket to an active after-sales, sales rep or manager user.</source>
        <translation>请将工单分派给在职的售后、销售代表或经理用户。</translation>
    </message>
    <message>
        <source>Only a ticket nobody has worked on can be deleted; this one is {status}.</source>
        <translation>只有尚未处理的工单可以删除；此工单当前为“{status}”。</translation>
    </message>
    <message>
        <source>Reassigned from {old} to {new}.</source>
        <translation>由 {old} 改派给 {new}。</translation>
    </message>
    <message>
        <source>Satisfaction is a whole number from 1 to 5.</source>
        <translation>满意度为 1 到 5 的整数。</translation>
    </message>
    <message>
        <source>Satisfaction {score}/5.</source>
        <translation>满意度 {score}/5。</translation>
    </message>
    <message>
        <source>The SLA due time must be after the ticket was received.</source>
        <translation>SLA 到期时间必须晚于工单受理时间。</translation>
    </message>
    <message>
        <source>The contract belongs to another customer.</source>
        <translation>该合同属于其他客户。</translation>
    </message>
    <message>
        <source>The lot was shipped to another customer.</source>
        <translation>该批次发给了其他客户。</translation>
    </message>
    <message>
        <source>The lot was shipped under another contract.</source>
        <translation>该批次属于其他合同。</translation>
    </message>
    <message>
        <source>The return visit is before the resolution.</source>
        <translation>回访时间早于处理时间。</translation>
    </message>
    <message>
        <source>The settled amount cannot exceed the claimed amount ({claimed}).</source>
        <translation>理赔金额不能超过索赔金额（{claimed}）。</translation>
    </message>
    <message>
        <source>Ticket {no} cannot be reassigned. Missing:</source>
        <translation>工单 {no} 不能改派，还缺：</translation>
    </message>
    <message>
        <source>Ticket {no} cannot move from {current} to {target}. Missing:</source>
        <translation>工单 {no} 不能从“{current}”变为“{target}”，还缺：</translation>
    </message>
    <message>
        <source>Ticket {no} is {current}; it cannot move to {target}.</source>
        <translation>工单 {no} 当前为“{current}”，不能变为“{target}”。</translation>
    </message>
    <message>
        <source>Work started on the ticket (status In progress).</source>
        <translation>已开始处理工单（状态为“处理中”）。</translation>
    </message>
</context>
<context>
    <name>TicketsTab</name>
    <message>
        <source>%1 (handed over)</source>
        <translation>%1（已转交）</translation>
    </message>
    <message numerus="yes">
        <source>%n open ticket(s)</source>
        <translation>
            <numerusform>%n 张未关闭工单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) listed</source>
        <translation>
            <numerusform>列出 %n 张工单</numerusform>
        </translation>
    </message>
    <message>
        <source>(not assigned)</source>
        <translation>（未分派）</translation>
    </message>
    <message>
        <source>All but closed</source>
        <translation>除已关闭外全部</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Assign the ticket to someone, or hand it over</source>
        <translation>将工单分派给某人，或转交</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>索赔</translation>
    </message>
    <message>
        <source>Close the ticket after its return visit</source>
        <translation>回访后关闭工单</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Due in %1 d %2 h</source>
        <translation>%1 天 %2 小时后到期</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Mark the assigned ticket as in progress</source>
        <translation>将已分派的工单标记为处理中</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Mine: %1</source>
        <translation>我的：%1</translation>
    </message>
    <message>
        <source>New ticket…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Only unresolved tickets past their SLA due time</source>
        <translation>只显示超过 SLA 到期时间且未处理完的工单</translation>
    </message>
    <message>
        <source>Open a ticket for a customer, optionally a contract and a lot</source>
        <translation>为客户创建工单，可指定合同和批次</translation>
    </message>
    <message>
        <source>Overdue by %1 d %2 h</source>
        <translation>已逾期 %1 天 %2 小时</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Record how the ticket was resolved and the amount settled</source>
        <translation>录入工单处理结果和理赔金额</translation>
    </message>
    <message>
        <source>Record the call-back: the customer&apos;s satisfaction 1–5</source>
        <translation>录入回访：客户满意度 1–5</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Return visits</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Return visit…</source>
        <translation>回访…</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 到期</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Select a ticket to see its details, history and return visits.</source>
        <translation>选择一张工单，查看其详情、历史和回访。</translation>
    </message>
    <message>
        <source>Service tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Show tickets in this status</source>
        <translation>显示此状态的工单</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <source>The SLA measures resolution; this ticket is %1.</source>
        <translation>SLA 按处理完成计算；此工单已“%1”。</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Tickets assigned to me or of customers I am responsible for</source>
        <translation>分派给我的工单，或我负责的客户的工单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>You can view this ticket but not work on it.</source>
        <translation>你可以查看此工单，但不能处理。</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>overdue — %1</source>
        <translation>逾期 — %1</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Edit training</source>
        <translation>编辑培训</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Internal / external</source>
        <translation>内部 / 外部</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>新建培训</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>培训方</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Trainer or institution</source>
        <translation>讲师或机构</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n 次培训</numerusform>
        </translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Attended hours in %1 Q%2 (%3 – %4) and in %1.</source>
        <translation>%1 年第 %2 季度（%3 – %4）及 %1 全年的出勤学时。</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <source>Avg. score</source>
        <translation>平均成绩</translation>
    </message>
    <message>
        <source>Change the selected training</source>
        <translation>修改所选培训</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Edit training…</source>
        <translation>编辑培训…</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>考试成绩</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Internal and external</source>
        <translation>内部和外部</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>New training…</source>
        <translation>新建培训…</translation>
    </message>
    <message>
        <source>Only the organiser or their manager can change this training.</source>
        <translation>只有组织者或其上级可以修改此培训。</translation>
    </message>
    <message>
        <source>Only the organiser, a manager or the attendee can record attendance.</source>
        <translation>只有组织者、经理或参加者本人可以记录出勤。</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>组织者：%1</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>培训方</translation>
    </message>
    <message>
        <source>Record a training: an internal course, or an external one you attended</source>
        <translation>记录培训：内部课程，或你参加的外部培训</translation>
    </message>
    <message>
        <source>Record attendance…</source>
        <translation>记录出勤…</translation>
    </message>
    <message>
        <source>Record who attended, their hours and exam scores</source>
        <translation>记录出勤人员、学时和考试成绩</translation>
    </message>
    <message>
        <source>Select a training first.</source>
        <translation>请先选择一次培训。</translation>
    </message>
    <message>
        <source>Select a training to see who attended.</source>
        <translation>选择一次培训，查看出勤人员。</translation>
    </message>
    <message>
        <source>This quarter (h)</source>
        <translation>本季度（小时）</translation>
    </message>
    <message>
        <source>This year (h)</source>
        <translation>本年（小时）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Training hours (feed the TRAINING_HOURS KPI)</source>
        <translation>培训学时（计入 TRAINING_HOURS 考核指标）</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>2–64 lower-case letters, digits or . _ -, starting with a letter.</source>
        <translation>2–64 个小写字母、数字或 . _ -，以字母开头。</translation>
    </message>
    <message>
        <source>A USCC has 18 characters; this one has {n}.</source>
        <translation>统一社会信用代码为 18 位，此处为 {n} 位。</translation>
    </message>
    <message>
        <source>A USCC may not contain {chars} (letters I, O, Z, S, V are never used).</source>
        <translation>统一社会信用代码不能包含 {chars}（不使用字母 I、O、Z、S、V）。</translation>
    </message>
    <message>
        <source>A contact cannot be moved to another customer.</source>
        <translation>联系人不能转到其他客户名下。</translation>
    </message>
    <message>
        <source>A new quote cannot already be expired.</source>
        <translation>新报价单不能已经过期。</translation>
    </message>
    <message>
        <source>A phone number may only contain digits, spaces, + - ( ).</source>
        <translation>电话号码只能包含数字、空格和 + - ( )。</translation>
    </message>
    <message>
        <source>A quote cannot be moved to another index.</source>
        <translation>报价不能转到其他指数。</translation>
    </message>
    <message>
        <source>A specification cannot be moved to another product.</source>
        <translation>质量指标不能转到其他产品。</translation>
    </message>
    <message>
        <source>Already used by another record: {value}</source>
        <translation>已被其他记录使用：{value}</translation>
    </message>
    <message>
        <source>An HS code is 4 to 10 digits, e.g. 2601.11 or 26011100.</source>
        <translation>HS 编码为 4 到 10 位数字，例如 2601.11 或 26011100。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>At most {n} decimal places.</source>
        <translation>最多 {n} 位小数。</translation>
    </message>
    <message>
        <source>Give both latitude and longitude.</source>
        <translation>请同时填写纬度和经度。</translation>
    </message>
    <message>
        <source>Letters, digits and - _ . / only, starting with a letter or digit.</source>
        <extracomment>The columns the search keys are computed from (besides the customer&apos;s own id): a change of any of them must be followed by ``refresh_customer_search_keys`` of the customers concerned.</extracomment>
        <translation>只能包含字母、数字和 - _ . /，以字母或数字开头。</translation>
    </message>
    <message>
        <source>May not be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <source>Must be a number.</source>
        <translation>必须是数字。</translation>
    </message>
    <message>
        <source>Must be a whole number.</source>
        <translation>必须是整数。</translation>
    </message>
    <message>
        <source>Must be between {low} and {high}.</source>
        <translation>必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>Must be greater than zero.</source>
        <translation>必须大于零。</translation>
    </message>
    <message>
        <source>Must be one of: {choices}.</source>
        <translation>必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Must be yes or no.</source>
        <translation>必须是“是”或“否”。</translation>
    </message>
    <message>
        <source>No such KPI.</source>
        <translation>没有这个考核指标。</translation>
    </message>
    <message>
        <source>No such active user.</source>
        <translation>没有这个在职用户。</translation>
    </message>
    <message>
        <source>No such contract.</source>
        <translation>没有这份合同。</translation>
    </message>
    <message>
        <source>No such customer.</source>
        <translation>没有这个客户。</translation>
    </message>
    <message>
        <source>No such invoice.</source>
        <translation>没有这张发票。</translation>
    </message>
    <message>
        <source>No such meeting.</source>
        <translation>没有这个会议。</translation>
    </message>
    <message>
        <source>No such opportunity.</source>
        <translation>没有这个商机。</translation>
    </message>
    <message>
        <source>No such price index.</source>
        <translation>没有这个价格指数。</translation>
    </message>
    <message>
        <source>No such product.</source>
        <translation>没有这个产品。</translation>
    </message>
    <message>
        <source>No such quote.</source>
        <translation>没有这份报价单。</translation>
    </message>
    <message>
        <source>No such shipment.</source>
        <translation>没有这次发运。</translation>
    </message>
    <message>
        <source>No such team.</source>
        <translation>没有这个团队。</translation>
    </message>
    <message>
        <source>No such training.</source>
        <translation>没有这个培训。</translation>
    </message>
    <message>
        <source>Nobody is their own manager.</source>
        <translation>任何人都不能是自己的上级。</translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD).</source>
        <translation>不是有效日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Not a date and time (YYYY-MM-DD HH:MM).</source>
        <translation>不是有效的日期时间（YYYY-MM-DD HH:MM）。</translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation>不是有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>Not a valid phone number: use a mobile (13800138000), a landline with area code (0472-1234567) or an international number (+61 8 9123 4567).</source>
        <translation>电话号码无效：请填写手机号（13800138000）、带区号的座机（0472-1234567）或国际号码（+61 8 9123 4567）。</translation>
    </message>
    <message>
        <source>Reps and service staff belong to a team.</source>
        <translation>销售代表和售后人员必须属于某个团队。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Say what the next action is.</source>
        <translation>请说明下一步行动。</translation>
    </message>
    <message>
        <source>The check digit is wrong: the last character should be {expected}.</source>
        <translation>校验码错误：最后一位应为 {expected}。</translation>
    </message>
    <message>
        <source>The contact does not belong to this customer.</source>
        <translation>该联系人不属于此客户。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The manager must be a manager.</source>
        <translation>上级必须是经理。</translation>
    </message>
    <message>
        <source>The next action cannot be before the activity.</source>
        <translation>下一步行动不能早于本次活动。</translation>
    </message>
</context>
<context>
    <name>WeekPlanView</name>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>销售代表</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>{open} open · {done} done</source>
        <translation>{open} 项待办 · {done} 项已完成</translation>
    </message>
    <message>
        <source>{start} – {end} · week {week}</source>
        <translation>{start} – {end} · 第 {week} 周</translation>
    </message>
</context>
<context>
    <name>_PrintSetupDialog</name>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 是文件夹，请填写文件名。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Chinese (中文)</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
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
        <translation>关闭</translation>
    </message>
</context>
</TS>
