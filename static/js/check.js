/*
 * The eligibility check works without this script; it only adds conveniences:
 * a print button, moving focus to the error summary so screen readers hear it
 * first, selecting the share link in one click, reading a money figure back as it
 * is typed ("= 3000万元"), and revealing a follow-up question only once the answer
 * it follows calls for it. The server does the same reading and drops a follow-up
 * that an answer made moot, so nothing depends on the script.
 */
(function () {
  "use strict";

  var MULTIPLIERS = { "万": 1e4, "亿": 1e8, million: 1e6, billion: 1e9 };
  var CURRENCY = /cny|rmb|yuan|[¥元]/gi;
  var NUMBER = /^([0-9][0-9,]*)?(?:\.([0-9]+))?(万|亿|million|billion)?$/i;

  /* The figure typed, in yuan, as policies/money.py reads it; null if none. */
  function readMoney(text, unit) {
    var cleaned = (text || "").normalize("NFKC").trim();
    if (!cleaned || cleaned.length > 40) {
      return null;
    }
    var currency = CURRENCY.test(cleaned);
    CURRENCY.lastIndex = 0;
    cleaned = cleaned.replace(CURRENCY, "").replace(/\s+/g, "");
    var match = NUMBER.exec(cleaned);
    if (!match || !(match[1] || match[2])) {
      return null;
    }
    var value = parseFloat((match[1] || "0").replace(/,/g, "") + "." + (match[2] || "0"));
    if (match[3]) {
      return value * MULTIPLIERS[match[3].toLowerCase()];
    }
    return value * (currency ? 1 : unit);
  }

  function places(value, count) {
    return value.toFixed(count).replace(/\.?0+$/, "");
  }

  /* As policies/rules/formatting.py's chinese_yuan words it. */
  function chineseYuan(value) {
    if (value >= 1e8) {
      var scale = value >= 1e12 ? 1e12 : 1e8;
      var text = places(value / scale, 4);
      var exact = Math.abs(parseFloat(text) * scale - value) < 0.005;
      return (exact ? "" : "约") + text + (scale === 1e12 ? "万亿" : "亿") + "元";
    }
    if (value >= 1e4) {
      return places(value / 1e4, 6) + "万元";
    }
    return places(value, 2) + "元";
  }

  /* As the English results word it, with words for a million and more. */
  function englishYuan(value) {
    var figure = "CNY " + value.toLocaleString("en-US", { maximumFractionDigits: 2 });
    var scales = [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]];
    for (var i = 0; i < scales.length; i += 1) {
      var rounded = Math.round((value / scales[i][0]) * 100) / 100;
      if (rounded >= 1) {
        var words = "CNY " + rounded.toLocaleString("en-US") + " " + scales[i][1];
        var exact = Math.abs(rounded * scales[i][0] - value) < 0.005;
        return figure + " (" + (exact ? "" : "about ") + words + ")";
      }
    }
    return figure;
  }

  function readBack(input) {
    var target = document.querySelector("[data-readback-for='" + input.id + "']");
    if (!target) {
      return;
    }
    var value = readMoney(input.value, parseFloat(input.dataset.moneyUnit));
    var chinese = document.documentElement.lang.toLowerCase().indexOf("zh") === 0;
    target.textContent =
      value === null ? "" : "= " + (chinese ? chineseYuan(value) : englishYuan(value));
  }

  function revealFollowUps(form) {
    form.querySelectorAll("[data-follows]").forEach(function (field) {
      var chosen = form.querySelector(
        "input[name='" + field.dataset.follows + "']:checked"
      );
      var answers = field.dataset.followsAnswers.split(" ");
      field.hidden = !chosen || answers.indexOf(chosen.value) === -1;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });

    var shareUrl = document.getElementById("share-url");
    if (shareUrl) {
      shareUrl.addEventListener("focus", function () {
        shareUrl.select();
      });
    }

    document.querySelectorAll("input[data-money-unit]").forEach(function (input) {
      input.addEventListener("input", function () {
        readBack(input);
      });
    });

    var form = document.querySelector("form.check-form");
    if (form && form.querySelector("[data-follows]")) {
      revealFollowUps(form);
      form.addEventListener("change", function () {
        revealFollowUps(form);
      });
    }
  });
})();
