// A small stand-in for Lever's candidate pages: a single-page app that navigates with pushState.
(() => {
  var list = document.getElementById('candidate-list');
  var main = document.getElementById('main');
  var current = null;
  var stages = {};
  var headerActions = true;
  var lastChange = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach((c) => {
      if (c) node.appendChild(c);
    });
    return node;
  }
  function getJson(url) {
    return fetch(url, { cache: 'no-store' }).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  function idFromPath() {
    var m = /^\/candidates\/([^/?#]+)/.exec(location.pathname);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function navigate(href) {
    history.pushState({}, '', href);
    render();
  }
  document.addEventListener('click', (event) => {
    var a = event.target.closest?.('a[data-nav]');
    if (!a || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);

  function renderList(items) {
    list.textContent = '';
    items.forEach((o) => {
      var a = el('a', { href: `/candidates/${o.id}`, 'data-nav': '' }, [
        el('span', { text: o.name }),
        el('small', { text: o.headline }),
      ]);
      if (o.id === idFromPath()) a.setAttribute('aria-current', 'page');
      list.appendChild(el('li', {}, [a]));
    });
  }
  function section(title, items, render, emptyText) {
    var body = items.length ? items.map(render) : [el('p', { class: 'empty', text: emptyText })];
    return el('section', { class: 'card', 'aria-label': title }, [el('h2', { text: title })].concat(body));
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => {
      if (!r.ok) throw new Error(r.status);
    });
  }
  // Lever's own way to tag a candidate and move them, by hand (PadBridge's auto mode reacts to it).
  function changeForm(o) {
    var tagInput = el('input', { id: 'lever-new-tag', type: 'text', autocomplete: 'off' });
    var stageSelect = el(
      'select',
      { id: 'lever-stage' },
      Object.keys(stages).map((id) => {
        var option = el('option', { value: id, text: stages[id] });
        if (id === o.stage) option.selected = true;
        return option;
      }),
    );
    // The page is drawn anew after a change: what the last change did is kept across that.
    var status = el('p', { class: 'muted', role: 'status', text: lastChange[o.id] || '' });
    function send(body, done) {
      post(`/_app/api/opportunities/${encodeURIComponent(o.id)}`, body)
        .then(() => {
          lastChange[o.id] = done;
          render();
        })
        .catch(() => {
          status.textContent = 'Lever could not save this change.';
        });
    }
    // A small form of Lever's: a label, its control, one button; submitting it sends one change.
    function inlineForm(name, labelText, control, button, onSubmit) {
      var form = el('form', { class: 'inline-form', 'aria-label': name }, [
        el('label', { for: control.id, text: labelText }),
        control,
        el('button', { type: 'submit', class: 'action', text: button }),
      ]);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        onSubmit();
      });
      return form;
    }
    var tagForm = inlineForm('Add tag', 'New tag', tagInput, 'Add tag', () => {
      if (tagInput.value.trim()) send({ tag: tagInput.value }, `Tag “${tagInput.value.trim()}” added.`);
    });
    var stageForm = inlineForm('Change stage', 'Stage', stageSelect, 'Move', () => {
      send({ stage: stageSelect.value }, `Moved to ${stages[stageSelect.value]}.`);
    });
    return el('section', { class: 'card', 'aria-label': 'Tags and stage' }, [
      el('h2', { text: 'Tags and stage' }),
      tagForm,
      stageForm,
      status,
    ]);
  }
  function renderProfile(o) {
    document.title = `${o.name} · Lever (sandbox)`;
    var initials = o.name
      .split(' ')
      .map((p) => p[0])
      .join('')
      .slice(0, 2);
    var pills = [el('span', { class: 'pill stage', text: stages[o.stage] || o.stage })];
    if (o.archived) pills.push(el('span', { class: 'pill archived', text: `Archived: ${o.archived.reason}` }));
    main.textContent = '';
    main.appendChild(
      el(
        'div',
        { class: 'profile-header', 'data-profile-header': '' },
        [
          el('div', { class: 'avatar', text: initials }),
          el('div', {}, [
            el('h1', { text: o.name }),
            el('div', { class: 'muted', text: `${o.headline} · ${o.location}` }),
            el('div', {}, pills),
          ]),
        ].concat(
          // Lever's own actions (inert here), unless the sandbox is set to leave them out.
          headerActions
            ? [
                el('div', { class: 'profile-actions' }, [
                  el('button', { type: 'button', class: 'action', text: 'Add note' }),
                  el('button', { type: 'button', class: 'action', text: 'Advance' }),
                  el('button', { type: 'button', class: 'action', text: 'Archive' }),
                ]),
              ]
            : [],
        ),
      ),
    );
    main.appendChild(
      el('div', { class: 'cards' }, [
        section('Contact', o.emails, (e) => el('div', { text: e }), 'No e-mail address'),
        section('Tags', o.tags, (t) => el('span', { class: 'pill', text: t }), 'No tags'),
        changeForm(o),
        section(
          'Links',
          o.links,
          (l) => el('div', {}, [el('a', { href: l, target: '_blank', rel: 'noopener', text: l })]),
          'No links',
        ),
        section('Notes', o.notes.slice().reverse(), (n) => el('div', { class: 'note', text: n.value }), 'No notes yet'),
      ]),
    );
  }
  function render() {
    var id = idFromPath();
    getJson('/_app/api/opportunities')
      .then((data) => {
        stages = data.stages;
        headerActions = data.headerActions;
        renderList(data.opportunities);
        if (!id) {
          main.textContent = '';
          main.appendChild(
            el('div', { class: 'card' }, [
              el('h1', { text: 'Candidates' }),
              el('p', { class: 'muted', text: 'Pick a candidate on the left to open their profile.' }),
            ]),
          );
          return;
        }
        current = id;
        // Like Lever: an address may name the person (contact) and the application in its query.
        var wanted = new URLSearchParams(location.search).get('id');
        var o =
          data.opportunities.filter((x) => x.id === (wanted || id))[0] ||
          data.opportunities.filter((x) => x.contact === id && !x.archived)[0] ||
          data.opportunities.filter((x) => x.contact === id)[0];
        if (!o) {
          main.textContent = '';
          main.appendChild(el('p', { text: 'Candidate not found.' }));
          return;
        }
        renderProfile(o);
      })
      .catch(() => {
        main.textContent = 'Could not load candidates.';
      });
  }
  // Lever refreshes a profile as others change it; so does this page.
  setInterval(() => {
    // Not while the recruiter is in one of the page's forms (their typing would be lost).
    var active = document.activeElement;
    if (active?.closest?.('form')) return;
    if (idFromPath() === current && document.visibilityState === 'visible') render();
  }, 2000);
  render();
})();
