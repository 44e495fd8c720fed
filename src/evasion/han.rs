//! Chinese disguises: separators between characters ("傻*逼", "傻 逼",
//! "智…障", "去/死/吧") and traditional characters ("白癡", "這個廢物",
//! "妳"), folded to the simplified forms the lexicons are written in.

use super::{Char, is_separator};

/// Marks between Chinese characters are dropped, up to three of them
/// ("智...障" is "智…障" after NFKC); a lone space only between two
/// characters that stand alone ("如果你去 你妈" keeps its space).
pub(super) fn join_spaced_han(chars: &mut Vec<Char>) {
    let han = |i: usize| chars.get(i).is_some_and(|ch| is_han(ch.c));
    let alone = |i: usize| han(i) && (i == 0 || !han(i - 1)) && !han(i + 1);
    let mark = |i: usize| chars.get(i).is_some_and(|ch| is_han_mark(ch.c));
    let mut drop = vec![false; chars.len()];
    let mut i = 1;
    while i < chars.len() {
        let len = (i..chars.len().min(i + 4)).take_while(|&k| mark(k)).count();
        let lone_space = len == 1 && chars.get(i).is_some_and(|ch| ch.c == ' ');
        let joined = (1..=3).contains(&len)
            && han(i - 1)
            && han(i + len)
            && (!lone_space || (alone(i - 1) && alone(i + 1)))
            && chars
                .get(i..i + len)
                .is_some_and(|gap| gap.iter().all(|ch| ch.c != ' ') || lone_space);
        if let Some(flags) = drop.get_mut(i..i + len).filter(|_| joined) {
            flags.fill(true);
        }
        i += len.max(1);
    }
    let mut keep = drop.iter().map(|d| !d);
    chars.retain(|_| keep.next().unwrap_or(true));
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_han_mark(c: char) -> bool {
    is_separator(c) || matches!(c, '~' | '|' | '+' | '～' | '丨')
}

/// Traditional characters of the insults, curses and dismissals the rubric
/// knows, and of the words around them, folded to simplified ones.
pub(super) fn fold_traditional(chars: &mut [Char]) {
    for ch in chars.iter_mut() {
        if let Some(simplified) = simplified(ch.c) {
            ch.c = simplified;
        }
    }
}

pub(super) fn simplified(c: char) -> Option<char> {
    Some(match c {
        '妳' => '你',
        '這' => '这',
        '個' => '个',
        '嗎' => '吗',
        '們' => '们',
        '癡' => '痴',
        '廢' => '废',
        '賤' => '贱',
        '貨' => '货',
        '腦' => '脑',
        '殘' => '残',
        '滾' => '滚',
        '媽' => '妈',
        '豬' => '猪',
        '雜' => '杂',
        '種' => '种',
        '經' => '经',
        '變' => '变',
        '態' => '态',
        '騙' => '骗',
        '無' => '无',
        '恥' => '耻',
        '臉' => '脸',
        '噁' => '恶',
        '賬' | '帳' => '账',
        '渾' => '混',
        '關' => '关',
        '該' => '该',
        '獃' => '呆',
        '罵' => '骂',
        '開' => '开',
        '遠' => '远',
        '點' => '点',
        '閉' => '闭',
        '東' => '东',
        '還' => '还',
        '於' => '于',
        '麼' => '么',
        '矯' => '矫',
        '過' => '过',
        '別' => '别',
        '敗' => '败',
        '類' => '类',
        '瘋' => '疯',
        '獸' => '兽',
        '爛' => '烂',
        '儍' => '傻',
        '屄' => '逼',
        _ => return None,
    })
}
