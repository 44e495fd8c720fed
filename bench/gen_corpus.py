#!/usr/bin/env python3
"""Deterministic benchmark corpus: support-chat replies in English and Chinese.

Writes JSONL records {"id", "context", "reply"}: a user's message and a
chatbot's reply, about 70% English and 30% Chinese, drawn from six kinds of
reply (empathetic, advice, questions, curt dismissals, aggressive drafts,
neutral technical answers) and mixes of them. Every sentence is a template
filled from word lists, with names, times, numbers and product details drawn
per sentence, so the text does not repeat (bench/run.sh checks the share of
distinct replies and the gzip ratio). Python standard library only; the same
seed gives the same bytes, and a shorter run is a prefix of a longer one.

All templates and word lists are written for this file.

    bench/gen_corpus.py --mb 100 [--seed 7] [--out FILE]   # default: stdout
"""

import argparse
import json
import random
import sys

# ---------------------------------------------------------------- English words
EN = {
    "name": "Alex Sam Jordan Taylor Morgan Casey Riley Jamie Drew Quinn Avery Blake Cameron Dana Eli "
    "Frankie Gray Harper Indy Jesse Kai Logan Max Noa Parker Reese Rowan Sky Toby Val Wren Zoe Maya "
    "Liam Emma Noah Olivia Ethan Ava Lucas Mia Owen Lily Ryan Chloe Nathan Grace Leo Ella Jack "
    "Hannah Ben Sophie Daniel Priya Arjun Fatima Omar Mei Kenji Sofia Mateo Ines Lars".split(),
    "rel": "friend|best friend|sister|brother|mom|dad|boss|manager|coworker|roommate|partner|"
    "boyfriend|girlfriend|husband|wife|neighbour|teacher|landlord|cousin|team lead|ex|son|daughter|"
    "grandmother|flatmate|mentor|client".split("|"),
    "event": "lost my job|failed my driving test|got dumped|missed the deadline|got a bad review|"
    "was left out of the trip|had a panic attack at work|got into a fight with my {rel}|"
    "had to put my dog down|didn't get the promotion|got rejected from grad school|"
    "crashed my car|lost my wallet on the train|got laid off after {num} years|"
    "found out my {rel} lied to me|was yelled at in front of everyone|bombed the interview|"
    "failed the {subject} exam|got ghosted after {num} dates|had my flight cancelled|"
    "moved to a new city alone|got sick before the wedding|lost the match|"
    "have been sleeping {num} hours a night|got my hours cut|was blamed for the outage|"
    "forgot my {rel}'s birthday|broke my phone screen again|have to repeat the year".split("|"),
    "subject": "chemistry|calculus|history|statistics|biology|physics|economics|law|"
    "accounting|French|organic chemistry|linear algebra|anatomy".split("|"),
    "feel": "sad|upset|hurt|disappointed|frustrated|angry|lonely|anxious|worried|scared|"
    "overwhelmed|stressed|exhausted|ashamed|embarrassed|guilty|jealous|devastated|hopeless|"
    "discouraged|betrayed|rejected|numb|confused|nervous|drained|let down|fed up".split("|"),
    "hard": "hard|tough|rough|painful|exhausting|unfair|stressful|heartbreaking|frustrating|"
    "a lot to deal with|a lot on your plate|really difficult|scary|lonely".split("|"),
    "intens": "really|so|very|incredibly|pretty|quite|truly|deeply|a bit|kind of|terribly".split("|"),
    "time": "yesterday|last night|this morning|on Monday|last Tuesday|two weeks ago|"
    "over the weekend|at 2 am|right before lunch|during the meeting|after class|"
    "on my birthday|last month|an hour ago|three days in a row|since January".split("|"),
    "act": "go for a walk|write down what happened|call a friend|take a short break|"
    "talk to your {rel}|get some sleep first|make a list of what you can control|"
    "send a short message to your {rel}|look for a support group|talk to a counselor|"
    "set a timer for {num} minutes and start small|ask HR about your options|"
    "email the professor tomorrow|take a day off|drink some water and eat something|"
    "try a breathing exercise|journal for ten minutes|book a doctor's appointment|"
    "sleep on it before replying|ask for an extension|split the work into smaller steps|"
    "practice with a friend|plan something small to look forward to".split("|"),
    "tech": "router|laptop|printer|VPN client|password manager|phone|smart TV|"
    "Bluetooth headset|external drive|email app|banking app|spreadsheet|calendar sync|"
    "video call app|Wi-Fi extender|browser extension|backup service|game console".split("|"),
    "setting": "Settings > Network|Preferences > Accounts|the Advanced tab|Privacy and Security|"
    "Settings > Storage|the admin panel|Control Panel > Devices|the Sync menu|Developer options|"
    "the firmware page|Notifications settings|the billing page".split("|"),
    "fix": "restart it|clear the cache|update the firmware|reinstall the driver|"
    "log out and back in|reset the network settings|turn off battery saver|"
    "unpair and pair it again|check for a system update|disable the extension|"
    "switch to the {ghz} GHz band|free up at least {num} GB".split("|"),
    "place": "the office|school|the gym|the hospital|my parents' house|the airport|"
    "the library|the café downstairs|the bus stop|the pharmacy|the lab".split("|"),
    "insult": "idiot|loser|clown|moron|joke|coward|failure|mess|disgrace|pathetic|useless|"
    "stupid|dumb".split("|"),
    "dismiss": "get over it|move on|calm down|stop whining|it's not a big deal|grow up|"
    "deal with it|just relax|man up|forget about it|cheer up|others have it worse|"
    "everything happens for a reason|at least you still have a job|look on the bright side|"
    "stop being so dramatic|you're overreacting|it's just a test|whatever".split("|"),
    "emoji": ["", "", "", "", " :)", " :(", " 🙂", " 😢", " 💛", " 🙏", " 😅", "!!", "..."],
}

EN_CONTEXT = [
    "I {event} {time} and I can't stop thinking about it.",
    "My {rel} {name} said I'm overreacting. I {event}.",
    "Honestly I feel {feel}. I {event} {time}.",
    "Can you help me write a text to my {rel}? I {event} and I want to apologize.",
    "My {tech} keeps disconnecting since {time}. Version {ver}. Any idea?",
    "How do I {fix} on my {tech}? It's been slow for {num} days.",
    "I {event}. What should I do now?",
    "{name} from {place} keeps ignoring my messages and I feel {feel}.",
    "Is it normal to feel {feel} after you {event2}?",
    "Quick question: where is {setting} on the {tech}?",
    "Write me a reply to my {rel} who said I never listen.",
    "I have {num} deadlines this week and I {event}. I'm so {feel}.",
    "ugh. {event} {time}. whatever.",
    "I think my {rel} is mad at me because I {event}.",
    "Need advice: should I tell my {rel} that I {event}?",
]

EN_EMPATHY = [
    "That sounds {intens} {hard}.",
    "I'm so sorry you {event}.",
    "Ugh, I'm sorry that {name}'s {rel} was so {insult2} about it.",
    "Of course you're {feel}; you {event} and nobody even asked how you were.",
    "Losing sleep over it for {num} days is a sign of how much this matters to you.",
    "It sounds like you're feeling {intens} {feel} right now.",
    "It makes sense that you'd feel {feel} after {time2} like that.",
    "I can only imagine how {feel} you must be.",
    "No wonder you feel {feel}; anyone in your shoes would.",
    "Your feelings are completely valid, {name}.",
    "That must have been {intens} {hard}, especially {time}.",
    "I hear you. Being treated like that by your {rel} is {hard}.",
    "You're not overreacting at all.",
    "It's understandable to feel {feel} when you {event2}.",
    "I'm sorry, that's a {intens} {hard} thing to go through.",
    "What a {hardnoun} to deal with.",
    "You've been carrying a lot since {time}, and it shows how much you care.",
    "It's okay to feel {feel} and {feel} at the same time.",
    "Don't be so hard on yourself; you did what you could with what you knew.",
]
EN_ADVICE = [
    "You could {act}, or you could {act} if that feels easier.",
    "Maybe {acting} would help a little.",
    "One option is to {act}.",
    "If you want, I can help you draft a message to your {rel}.",
    "Here are a few ideas: 1. {Act}. 2. {Act}. 3. {Act}.",
    "It might help to {act} before you decide anything.",
    "Have you thought about asking {name} to {act}?",
    "Some people find it useful to {act}.",
    "Another idea: {act} and see how you feel after {num} minutes.",
    "Try to {act}; it doesn't have to be perfect.",
    "I'd suggest you {act} first, then {act}.",
    "Would you rather {act} or {act}?",
]
EN_QUESTION = [
    "Do you want to talk about what happened {time}?",
    "How are you feeling about it now?",
    "What was the hardest part for you?",
    "Can you tell me more about what your {rel} said?",
    "Is there anything I can do to help?",
    "What do you think you need most right now?",
    "How long have you been feeling {feel} like this?",
    "Would it help to talk it through?",
    "What happened after that?",
    "I'm here if you want to share more.",
]
EN_DISMISSAL = [
    "{Dismiss}.",
    "Honestly, {dismiss}.",
    "It's not that deep. {Dismiss}.",
    "Ok.",
    "Fine, whatever you say.",
    "People {event2} all the time. {Dismiss}.",
    "You'll forget about it in {num} days.",
    "That's life, {name}.",
    "Not my problem.",
    "k",
    "Sure.",
    "So? {Dismiss}.",
]
EN_AGGRESSION = [
    "You're such a {insult}.",
    "Are you really this {insult2}?",
    "Shut up and {act}.",
    "Nobody cares about your {tech}, {name}.",
    "Maybe if you weren't such a {insult} your {rel} wouldn't have left.",
    "STOP ASKING ME THE SAME THING",
    "Did you even try to {fix}? Seriously.",
    "What a {insult} thing to say.",
    "Get lost.",
    "Your {rel} is a {insult} and so are you.",
]
EN_TECH = [
    "Open {setting} on the {tech} and {fix}.",
    "This is a known issue in version {ver}; updating to {ver} fixes it.",
    "First {fix}, then check whether the light on the {tech} turns green.",
    "The error code {code} means the {tech} could not reach the server.",
    "Go to {setting}, choose the account and tap Remove, then add it again.",
    "If that fails, {fix} and send us the log from {setting} (ticket #{ticket}).",
    "The {tech} needs at least {num} GB free to install update {ver}.",
    "You can find your order {ticket} under {setting}.",
    "Make sure the {tech} and the phone are on the same network, then {fix}.",
    "Hold the power button for {num} seconds, wait a minute, and {fix}.",
    "Our team will get back to you within {num} hours on ticket #{ticket}.",
    "That setting moved to {setting} in {ver}.",
]
EN_OPEN = ["", "", "", "Hey {name}, ", "Hi, ", "Oh no. ", "Okay, ", "Hmm, ", "Thanks for telling me. ",
           "Well, ", "Listen, ", "Honestly, ", "Got it. ", "Ah, "]

EN_EXTRA = {
    "hardnoun": "awful week|rough day|nightmare|mess|hard thing|blow|lot".split("|"),
    "time2": "a day|a week|a conversation|a month|an evening".split("|"),
    "event2": "lose your job|fail an exam|get dumped|miss a deadline|get a bad review|"
    "get left out|have a panic attack|fight with someone you love|lose a pet|get rejected|"
    "crash the car|get laid off|get yelled at|bomb an interview|get ghosted".split("|"),
    "acting": "talking to your {rel}|going for a walk|writing it down|taking a break|"
    "sleeping on it|asking {name} for help|starting with something small".split("|"),
    "insult2": "dumb|lazy|clueless|stupid|slow|dense".split("|"),
}

# ---------------------------------------------------------------- Chinese words
ZH = {
    "name": "小王 小李 小张 阿明 小红 晓峰 丽丽 老陈 阿杰 小雨 思思 大伟 婷婷 浩然 子涵 欣怡 "
    "俊杰 雨萱 嘉怡 志强 秀英 建华 佳琪 文博 一诺 梓轩 可馨 明轩 晨曦 若曦".split(),
    "rel": "朋友 好朋友 姐姐 哥哥 妈妈 爸爸 老板 领导 同事 室友 对象 男朋友 女朋友 老公 老婆 "
    "邻居 老师 房东 表哥 组长 前任 儿子 女儿 奶奶 导师 客户".split(),
    "event": "被裁员了 考试没过 分手了 项目延期被骂了 被领导当众批评 没评上职称 被朋友放鸽子 "
    "和{rel}吵架了 家里的猫走了 面试又挂了 车被撞了 钱包丢了 论文被拒了 连续加班{num}天 "
    "发现{rel}骗了我 被{rel}误会了 搬到新城市一个人 航班被取消了 比赛输了 "
    "每天只睡{num}个小时 工资被拖欠了 忘了{rel}的生日 手机屏幕又摔碎了 要重修一年".split(),
    "feel": "难过 伤心 委屈 失望 生气 孤独 焦虑 担心 害怕 崩溃 压力很大 很累 内疚 "
    "尴尬 沮丧 绝望 心累 烦躁 无助 迷茫 紧张 憋屈".split(),
    "hard": "不容易 太难了 很辛苦 很难熬 很痛苦 让人难过 很委屈 压力很大".split(),
    "intens": "真的 非常 特别 很 太 有点 确实 挺".split(),
    "time": "昨天 昨晚 今天早上 上周一 两周前 周末 凌晨两点 开会的时候 下课以后 "
    "生日那天 上个月 一个小时前 连续三天 从一月份开始".split(),
    "act": "出去走走 把事情写下来 给朋友打个电话 先休息一下 和{rel}好好谈谈 先睡一觉 "
    "列一个清单 给{rel}发条消息 找心理咨询师聊聊 问问人事部门 明天给老师发邮件 "
    "请一天假 喝点水吃点东西 做几次深呼吸 写{num}分钟日记 预约医生 "
    "把任务拆成小步骤 找朋友一起练习 安排一件值得期待的小事".split(),
    "tech": "路由器 笔记本电脑 打印机 VPN客户端 手机 智能电视 蓝牙耳机 移动硬盘 邮箱 "
    "银行App 表格 日历同步 视频会议软件 无线扩展器 浏览器插件 备份服务 游戏机".split(),
    "setting": ["设置 > 网络", "偏好设置 > 账户", "高级选项", "隐私与安全", "设置 > 存储", "管理后台",
                "控制面板 > 设备", "同步菜单", "开发者选项", "固件页面", "通知设置", "账单页面"],
    "fix": "重启一下 清除缓存 更新固件 重新安装驱动 退出账号再登录 重置网络设置 关闭省电模式 "
    "取消配对再重新配对 检查系统更新 停用这个插件 切换到{ghz}G频段 清理出至少{num}GB空间".split(),
    "insult": "废物 蠢货 白痴 神经病 傻子 窝囊废 笨蛋 丢人现眼的东西".split(),
    "dismiss": "想开点 别想太多了 这有什么好哭的 大家都这样 算了吧 矫情 小题大做 "
    "比你惨的人多的是 过去就过去了 你太敏感了 振作点 别闹了".split(),
    "emoji": ["", "", "", "", "～", "！", "。。。", "😢", "🙏", "[抱抱]", "哈哈"],
}
ZH_CONTEXT = [
    "我{time}{event}，现在心里特别{feel}。",
    "我{rel}说我想太多了，可是我真的{event}。",
    "说实话我很{feel}，{time}{event}。",
    "能帮我给{rel}写条消息吗？我{event}，想道个歉。",
    "我的{tech}从{time}开始一直断线，版本{ver}，怎么办？",
    "{tech}怎么{fix}？已经慢了{num}天了。",
    "{name}一直不回我消息，我好{feel}。",
    "这周有{num}个截止日期，还{event}，我快崩溃了。",
    "我觉得{rel}在生我的气，因为我{event}。",
    "要不要告诉{rel}我{event}？",
]
ZH_EMPATHY = [
    "听起来你{intens}{feel}。",
    "这{intens}{hard}。",
    "我能理解你的感受，{name}。",
    "换作是我，我也会{feel}的。",
    "你的难过是完全可以理解的。",
    "辛苦你了，{time}的事一定让你很{feel}。",
    "抱抱你，{event}真的{hard}。",
    "难怪你会这么{feel}。",
    "这不是你的错，你已经做得很好了。",
    "感觉你最近压力很大，{rel}的话一定让你很{feel}。",
]
ZH_ADVICE = [
    "你可以试试{act}，或者{act}。",
    "也许可以先{act}。",
    "我建议你{act}，然后再{act}。",
    "有几个办法：1. {act}；2. {act}；3. {act}。",
    "不妨{act}，看看{num}分钟后感觉怎么样。",
    "要不要考虑{act}？",
    "如果你愿意，我可以帮你给{rel}写一条消息。",
]
ZH_QUESTION = [
    "你愿意跟我说说{time}发生了什么吗？",
    "你现在感觉怎么样？",
    "最让你难受的是哪一部分？",
    "{rel}后来是怎么说的？",
    "有什么我能帮你的吗？",
    "这种感觉持续多久了？",
    "我在这里，想聊随时找我。",
]
ZH_DISMISSAL = [
    "{dismiss}。",
    "{dismiss}，{dismiss}。",
    "哦。",
    "行吧，随你。",
    "这点小事，过{num}天就忘了。",
    "关我什么事。",
    "嗯。",
]
ZH_AGGRESSION = [
    "你真是个{insult}。",
    "闭嘴，去{act}吧。",
    "你这个{insult}，{rel}不要你也活该。",
    "谁在乎你的{tech}啊。",
    "你有病吧？",
    "滚。",
]
ZH_TECH = [
    "请打开{tech}的{setting}，然后{fix}。",
    "这是{ver}版本的已知问题，升级到{ver}就好了。",
    "先{fix}，再看看{tech}的指示灯是不是变绿了。",
    "错误代码{code}表示{tech}连不上服务器。",
    "{tech}安装更新{ver}至少需要{num}GB空间。",
    "如果还不行，请{fix}，并把{setting}里的日志发给我们（工单号{ticket}）。",
    "我们会在{num}小时内处理工单{ticket}。",
]
ZH_OPEN = ["", "", "", "{name}，", "嗯，", "哎，", "好的，", "谢谢你告诉我。", "啊，"]

KINDS = ["empathy", "advice", "question", "dismissal", "aggression", "tech"]
EN_KIND = dict(zip(KINDS, [EN_EMPATHY, EN_ADVICE, EN_QUESTION, EN_DISMISSAL, EN_AGGRESSION, EN_TECH]))
ZH_KIND = dict(zip(KINDS, [ZH_EMPATHY, ZH_ADVICE, ZH_QUESTION, ZH_DISMISSAL, ZH_AGGRESSION, ZH_TECH]))
# Reply shapes: the kinds of its sentences, with weights (supportive replies
# dominate, as in a support bot's output; drafts to review are the rest).
SHAPES = [
    (["empathy", "question"], 14), (["empathy", "advice"], 12), (["empathy", "advice", "question"], 12),
    (["empathy"], 6), (["advice"], 8), (["advice", "advice"], 5), (["question"], 4),
    (["empathy", "empathy", "advice", "question"], 6), (["tech"], 8), (["tech", "tech"], 7),
    (["tech", "tech", "question"], 4), (["dismissal"], 5), (["dismissal", "dismissal"], 3),
    (["aggression"], 3), (["aggression", "dismissal"], 2), (["advice", "dismissal"], 2),
    (["empathy", "tech"], 3), (["question", "question"], 2),
]
SHAPE_LIST = [s for s, _ in SHAPES]
SHAPE_WEIGHTS = [w for _, w in SHAPES]


class Slots(dict):
    """Fills a template's {slot} with a fresh random value each time."""

    def __init__(self, rng, words, extra):
        super().__init__()
        self.rng, self.words, self.extra = rng, words, extra

    def __missing__(self, key):
        rng = self.rng
        if key == "num":
            return str(rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 45, rng.randint(2, 99))))
        if key == "ver":
            return f"{rng.randint(1, 19)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
        if key == "code":
            return f"0x{rng.randint(0, 0xFFFF):04X}" if rng.random() < 0.5 else f"E{rng.randint(100, 999)}"
        if key == "ticket":
            return str(rng.randint(100000, 9999999))
        if key == "ghz":
            return rng.choice(("2.4", "5", "6"))
        capital = key[0].isupper()
        pool = self.words.get(key.lower()) or self.extra.get(key.lower())
        value = rng.choice(pool)
        if "{" in value:
            value = value.format_map(self)
        return value[0].upper() + value[1:] if capital else value


def sentence(template, slots):
    return template.format_map(slots)


def english(rng, slots):
    shape = rng.choices(SHAPE_LIST, SHAPE_WEIGHTS)[0]
    parts = [sentence(rng.choice(EN_KIND[kind]), slots) for kind in shape]
    if rng.random() < 0.15:  # a longer reply: one more sentence of the first kind
        parts.insert(1, sentence(rng.choice(EN_KIND[shape[0]]), slots))
    opener = sentence(rng.choice(EN_OPEN), slots)
    if opener.endswith(", ") and not parts[0].startswith("I"):
        parts[0] = parts[0][0].lower() + parts[0][1:]
    text = opener + " ".join(parts) + rng.choice(EN["emoji"])
    if rng.random() < 0.05:
        text = text.lower()
    if rng.random() < 0.08:
        text = text.replace(". ", ".\n\n", 1)
    return sentence(rng.choice(EN_CONTEXT), slots), text


def chinese(rng, slots):
    shape = rng.choices(SHAPE_LIST, SHAPE_WEIGHTS)[0]
    parts = [sentence(rng.choice(ZH_KIND[kind]), slots) for kind in shape]
    if rng.random() < 0.15:
        parts.insert(1, sentence(rng.choice(ZH_KIND[shape[0]]), slots))
    text = sentence(rng.choice(ZH_OPEN), slots) + "".join(parts) + rng.choice(ZH["emoji"])
    return sentence(rng.choice(ZH_CONTEXT), slots), text


def records(seed):
    rng = random.Random(seed)
    en = Slots(rng, EN, EN_EXTRA)
    zh = Slots(rng, ZH, {})
    n = 0
    while True:
        n += 1
        context, reply = english(rng, en) if rng.random() < 0.7 else chinese(rng, zh)
        if rng.random() < 0.1:  # some replies come without the user's message
            yield {"id": f"g{n:08d}", "reply": reply}
        else:
            yield {"id": f"g{n:08d}", "context": context, "reply": reply}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, required=True, help="size to write, in MB (10^6 bytes)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="write here instead of stdout")
    args = parser.parse_args()
    limit = int(args.mb * 1e6)
    out = open(args.out, "wb") if args.out else sys.stdout.buffer
    written, batch = 0, []
    for record in records(args.seed):
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        batch.append(line)
        written += len(line)
        if written >= limit or len(batch) >= 4096:
            try:
                out.write(b"".join(batch))
            except BrokenPipeError:
                return
            batch.clear()
            if written >= limit:
                break
    out.flush()


if __name__ == "__main__":
    main()
