package builtin

// moneyNouns are the amounts a customer pays or is paid.
var moneyNouns = map[string]bool{
	"price": true, "prices": true, "total": true, "totals": true, "invoice": true, "invoices": true,
	"amount": true, "amounts": true, "charged": true, "billed": true, "bill": true, "bills": true,
	"cost": true, "costs": true, "payslip": true, "payslips": true, "payout": true, "payouts": true,
}

// wrongAmounts say an amount is wrong: zero, or in the wrong currency.
var wrongAmounts = map[string]bool{"0": true, "0.00": true, "0,00": true, "zero": true, "currency": true, "negative": true}

// moneyWrong finds money shown or charged wrong: "every invoice shows a
// total of $0.00", "products show €0.00", "customers billed in the wrong
// currency". Money wrong is a main function failing (docs/triage.md): with
// everyone or the customers affected it is critical.
func moneyWrong(toks []token, framed, problems []bool) (firedSignal, bool) {
	var found firedSignal
	ok := false
	for i, t := range toks {
		if t.machine || !wrongAmounts[t.raw] || framed[t.sentence] {
			continue
		}
		if t.raw == "currency" && (i == 0 || toks[i-1].raw != "wrong") {
			continue
		}
		for k := max(0, i-8); k < len(toks) && k <= i+8; k++ {
			if toks[k].sentence == t.sentence && !toks[k].machine && moneyNouns[toks[k].raw] {
				// a part broken, however it is put: who it is wrong for
				// decides the level (tally), not the title
				if !ok {
					found, ok = firedSignal{cat: catPayment, phrase: toks[k].raw + " " + t.raw, weight: 3.5, title: t.title, money: true}, true
				}
				// the sentence reports a problem: its customers are its who
				problems[t.sentence] = true
				break
			}
		}
	}
	return found, ok
}
