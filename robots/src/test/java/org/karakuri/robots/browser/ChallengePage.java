package org.karakuri.robots.browser;

import java.util.List;
import java.util.Map;

/**
 * An RPA-Challenge-style form for the benchmark: 10 records of 7 fields (one a list). After every
 * submit the form is drawn again with the fields in another order and new random ids, names and
 * option values, so nothing can be found by a remembered id. Like a page framework, the page keeps
 * its own model, updated only from events ({@code input} for text, {@code change} for the list, as
 * Vue's and React's bindings do) and, on submit, records each field as the model saw it and whether
 * the model agreed with what the field shows.
 */
final class ChallengePage {
    /** label, key, list? */
    record Field(String label, String key, boolean list) {}

    static final List<Field> FIELDS = List.of(
        new Field("姓", "last", false), new Field("名", "first", false), new Field("勤務先", "company", false),
        new Field("役職", "role", true), new Field("住所", "address", false), new Field("メール", "email", false),
        new Field("電話番号", "phone", false));

    static final List<String> ROLES = List.of("課長", "係長", "主任", "主事", "技師", "会計年度任用職員");

    static final List<Map<String, String>> RECORDS = List.of(
        record("山田", "太郎", "からくり市役所", "課長", "東京都千代田区霞が関1-2-3", "taro.yamada@example.lg.jp", "03-1234-5678"),
        record("佐藤", "花子", "からくり市 市民課", "係長", "大阪府大阪市北区中之島1-3-20", "hanako.sato@example.lg.jp", "06-2345-6789"),
        record("鈴木", "一郎", "からくり市 税務課", "主任", "愛知県名古屋市中区三の丸3-1-1", "ichiro.suzuki@example.lg.jp", "052-345-6789"),
        record("高橋", "美咲", "からくり市 福祉課", "主事", "福岡県福岡市中央区天神1-8-1", "misaki.takahashi@example.lg.jp", "092-456-7890"),
        record("田中", "健", "からくり市 建設課", "技師", "北海道札幌市中央区北1条西2丁目", "ken.tanaka@example.lg.jp", "011-567-8901"),
        record("伊藤", "さくら", "からくり市 子育て支援課", "会計年度任用職員", "宮城県仙台市青葉区国分町3-7-1", "sakura.ito@example.lg.jp", "022-678-9012"),
        record("渡辺", "翔太", "からくり市 環境課", "主事", "広島県広島市中区国泰寺町1-6-34", "shota.watanabe@example.lg.jp", "082-789-0123"),
        record("中村", "陽菜", "からくり市 教育委員会", "係長", "京都府京都市中京区寺町通御池上る", "hina.nakamura@example.lg.jp", "075-890-1234"),
        record("小林", "大輔", "からくり市 上下水道局", "課長", "神奈川県横浜市中区本町6-50-10", "daisuke.kobayashi@example.lg.jp", "045-901-2345"),
        record("加藤", "結衣", "からくり市 総務課", "主任", "沖縄県那覇市泉崎1-1-1", "yui.kato@example.lg.jp", "098-012-3456"));

    private static Map<String, String> record(String... v) {
        return Map.of("last", v[0], "first", v[1], "company", v[2], "role", v[3], "address", v[4], "email", v[5], "phone", v[6]);
    }

    static String html() {
        StringBuilder fields = new StringBuilder("[");
        for (Field f : FIELDS) {
            fields.append("['").append(f.label()).append("','").append(f.key()).append("',").append(f.list()).append("],");
        }
        fields.append(']');
        StringBuilder roles = new StringBuilder("[");
        ROLES.forEach(r -> roles.append('\'').append(r).append("',"));
        roles.append(']');
        return """
            <!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>入力チャレンジ</title>
            <style>.field{display:inline-block;width:30%%;margin:4px} label{display:block}</style></head><body>
            <h1>入力チャレンジ</h1>
            <form id="challenge"></form>
            <script>
              const FIELDS = %s, ROLES = %s;
              const form = document.getElementById('challenge');
              window.submitted = [];
              let model = {}, ids = {};
              const rnd = () => 'f' + Math.random().toString(36).slice(2, 10);
              const shuffle = a => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
              const shown = (f, el) => f[2] ? (el.selectedOptions[0] ? el.selectedOptions[0].text : '') : el.value;
              function render() {
                model = {}; ids = {};
                const order = shuffle(FIELDS.slice());
                form.innerHTML = order.map(f => {
                  const id = ids[f[1]] = rnd();
                  const control = f[2]
                    ? '<select id="' + id + '" name="' + rnd() + '"><option value="">選択してください</option>'
                      + shuffle(ROLES.slice()).map(r => '<option value="' + rnd() + '">' + r + '</option>').join('') + '</select>'
                    : '<input id="' + id + '" name="' + rnd() + '">';
                  return '<div class="field"><label for="' + id + '">' + f[0] + '</label>' + control + '</div>';
                }).join('') + '<div><input type="submit" value="送信"></div>';
                order.forEach(f => {
                  const el = document.getElementById(ids[f[1]]);
                  el.addEventListener(f[2] ? 'change' : 'input', () => model[f[1]] = shown(f, el));
                });
              }
              form.addEventListener('submit', e => {
                e.preventDefault();
                const record = {};
                let bound = true;
                FIELDS.forEach(f => {
                  const el = document.getElementById(ids[f[1]]);
                  record[f[1]] = model[f[1]] === undefined ? null : model[f[1]];
                  if (record[f[1]] !== shown(f, el)) bound = false;
                });
                record.bound = bound;
                window.submitted.push(record);
                render();
              });
              render();
            </script></body></html>""".formatted(fields, roles);
    }

    private ChallengePage() {}
}
