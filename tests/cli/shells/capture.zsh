# Completes a line in a real interactive zsh on a pseudo-terminal (zsh/zpty) and prints
# every match the completion offered, one a line.
#   zsh -f capture.zsh fpath DIR LINE   a bare zsh whose fpath starts with DIR (compinit here)
#   zsh -f capture.zsh rc LINE          zsh -i reading ~/.zshrc (the README's install lines)
zmodload zsh/zpty
if [[ $1 == fpath ]]; then
  zpty z zsh -f -i
  zpty -w z "PROMPT=''; fpath=($2 \$fpath); autoload -Uz compinit; compinit -u -D"
  shift 2
else
  zpty z zsh -i
  zpty -w z "PROMPT=''"
  shift 1
fi
# Matches are printed instead of inserted; the shell exits after one completion.
zpty -w z 'compadd() { local -a m; builtin compadd -A m "$@"; local w; for w in $m; do print -r -- "<""<$w>"">"; done; }'
zpty -w z 'bindkey "^I" complete-word; comppostfuncs=(exit)'
zpty -w z "$1"$'\t'
local line
while zpty -r z line; do
  [[ $line == *'<<'*'>>'* ]] && print -r -- "${${line#*<<}%%>>*}"
done
exit 0
