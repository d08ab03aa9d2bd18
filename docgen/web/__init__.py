"""The workbench (``docgen serve``): the plan, its documents, the month and the templates in one local web page.

A thin layer over the library, like ``docgen.cli``: each page calls the functions the commands
call (``check_plan_text``, ``save_plan_text``, ``page_images``, ``render``, ``receive_file``,
``track_returns``, ``write_status``, ``write_digest``, ``check_plan_templates``, ``add_template``)
and shows what they return; it computes nothing of its own. May use every stage below the command
line; only the command line imports it. It needs the extra ``serve`` (Starlette, uvicorn,
python-multipart), imported on first use.

- ``server``: the socket on 127.0.0.1, the token, uvicorn until Ctrl-C.
- ``guard``: every request checked first (Host, token, Origin, method, body size and speed).
- ``app``: the routes joined behind the guard; ``views``: the pages rendered (``pages/*.html``), findings in Chinese.
- ``workbench``: one session's paths, its cached report and the one task running.
- ``plan_views`` (方案), ``document_views`` (文件, and every served file), ``month_views`` (本月),
  ``template_views`` (模板): the four pages.
- ``files``: only files inside the plan's, the output and the returns folders are served.
- ``static/``: htmx (vendored, see its README), the editor's script, the styles.
"""
