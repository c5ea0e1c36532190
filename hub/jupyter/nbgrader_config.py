# nbgrader's settings for students on the course's hub: the course they fetch from and submit to, and the exchange.
# hub/jupyterhub_config.py puts this folder on every student server's JUPYTER_CONFIG_PATH (a Kubernetes image copies
# it to /usr/local/etc/jupyter/). The instructor's course folder has its own nbgrader_config.py (`make assignments`).
import os

c = get_config()  # noqa: F821  (nbgrader provides it)
c.CourseDirectory.course_id = "generative-models"
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
# Submissions carry the student's hub name (JupyterHub sets JUPYTERHUB_USER in every student server), also where
# all students' servers run as one Unix account (Kubernetes images, the course's own test); else the account's name.
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
